package scenario

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

var decimalType = reflect.TypeOf(decimal.Decimal{})

// normalize returns a deep copy of s in which every decimal has one representation
// (38B parsed as 38e9 and 38000000000 compare equal under reflect.DeepEqual).
func normalize(s *Scenario) *Scenario {
	c := s.Clone()
	canon(reflect.ValueOf(c).Elem())
	return c
}

func canon(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == decimalType {
			d := v.Interface().(decimal.Decimal)
			v.Set(reflect.ValueOf(decimal.RequireFromString(d.String())))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			canon(v.Field(i))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			canon(v.Index(i))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			canon(v.Elem())
		}
	}
}

// fieldValue is the value of the numeric field at path (contracts.<id>.<key>: the
// terms of a contract live in its type's module, backend/contract).
func fieldValue(t *testing.T, s *Scenario, path string) decimal.Decimal {
	t.Helper()
	f, ok := s.Field(path)
	if !ok {
		t.Fatalf("no field %s", path)
	}
	return f.Value
}
