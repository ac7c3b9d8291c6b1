package sim

import (
	"testing"

	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// mustBuiltin parses a built-in scenario by stem.
func mustBuiltin(tb testing.TB, stem string) *scenario.Scenario {
	tb.Helper()
	b, ok := scenarios.ByStem(stem)
	if !ok {
		tb.Fatalf("no built-in scenario %q", stem)
	}
	s, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// mustParse parses a scenario written in the test.
func mustParse(tb testing.TB, yaml string) *scenario.Scenario {
	tb.Helper()
	s, err := scenario.Parse("test.yaml", []byte(yaml))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// mustCompile compiles s.
func mustCompile(tb testing.TB, s *scenario.Scenario) *Model {
	tb.Helper()
	m, err := Compile(s)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
