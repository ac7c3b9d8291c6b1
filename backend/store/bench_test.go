package store

import (
	"context"
	"fmt"
	"testing"
)

// benchBody is a scenario-sized body of about 10 KB.
func benchBody(i int) []byte {
	b := crashBody(99, i)
	for len(b) < 10_000 {
		b = append(b, crashBody(98, len(b))...)
	}
	return b[:10_000]
}

// BenchmarkSave measures Save of a 10 KB body that differs from the latest:
// a new revision committed with synchronous=FULL (the budget is 10 ms).
func BenchmarkSave(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	bodies := [][]byte{benchBody(1), benchBody(2)}
	if _, err := db.Create(ctx, "bench", bodies[0], "", ""); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(bodies[0])))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := db.Save(ctx, "bench", bodies[(i+1)%2], "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveUnchanged measures Save of a body identical to the latest.
func BenchmarkSaveUnchanged(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	body := benchBody(1)
	if _, err := db.Create(ctx, "bench", body, "", ""); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if r, err := db.Save(ctx, "bench", body, "", ""); err != nil || !r.Unchanged {
			b.Fatal(err)
		}
	}
}

// BenchmarkGet measures Get of the latest 10 KB revision of a scenario with
// 100 revisions (the budget is 10 ms).
func BenchmarkGet(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	if _, err := db.Create(ctx, "bench", benchBody(0), "", ""); err != nil {
		b.Fatal(err)
	}
	for i := 1; i < 100; i++ {
		if _, err := db.Save(ctx, "bench", benchBody(i), "", ""); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(10_000)
	for b.Loop() {
		if r, err := db.Get(ctx, "bench", 0); err != nil || len(r.Body) != 10_000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkList measures List over 50 scenarios.
func BenchmarkList(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	for i := 0; i < 50; i++ {
		if _, err := db.Create(ctx, fmt.Sprintf("s%02d", i), benchBody(i), "", ""); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if l, err := db.List(ctx, Active); err != nil || len(l) != 50 {
			b.Fatal(err)
		}
	}
}
