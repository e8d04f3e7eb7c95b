package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// fieldErr is one problem with a field of a record: field is the record's
// own name for it ("name", "sources[1]", "props.x"), and builder is the
// field the builder checks for the value left empty ("sources[1].id"), so
// that it is not reported a second time.
type fieldErr struct {
	field, builder, msg string
}

// errSyntax marks a record that is not JSON at all.
var errSyntax = errors.New("syntax error")

// decodeRecord decodes the JSON object raw into the struct *v field by
// field, so that every problem of the record is found, not the first:
// unknown fields, duplicate keys (at any depth) and values of the wrong
// type, which are left empty. It returns an error wrapping errSyntax when
// raw is not valid JSON, and a problem without field when raw is not an
// object.
func decodeRecord(raw []byte, v any) ([]fieldErr, error) {
	errs, err := decodeObject(raw, v)
	if err != nil {
		// the scanner's message is the fuller one
		if serr := json.Unmarshal(raw, new(json.RawMessage)); serr != nil {
			return nil, fmt.Errorf("%w: %s", errSyntax, trimJSONErr(serr))
		}
	}
	return errs, err
}

func decodeObject(raw []byte, v any) ([]fieldErr, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		if err := json.Unmarshal(raw, new(json.RawMessage)); err != nil {
			return nil, fmt.Errorf("%w: %s", errSyntax, trimJSONErr(err))
		}
		return []fieldErr{{msg: "want an object, got " + jsonKind(raw)}}, nil
	}
	rv := reflect.ValueOf(v).Elem()
	fields := fieldsOf(rv.Type())
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%w: %v", errSyntax, err)
	}
	var errs []fieldErr
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errSyntax, err)
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, fmt.Errorf("%w: %v", errSyntax, err)
		}
		if seen[key] {
			errs = append(errs, fieldErr{field: key, msg: "duplicate key: the field is given twice"})
			continue
		}
		seen[key] = true
		i, ok := fields[key]
		if !ok {
			i, ok = fields[strings.ToLower(key)]
		}
		if !ok {
			errs = append(errs, fieldErr{field: key, msg: "unknown field"})
			continue
		}
		errs = append(errs, dupKeys(val, key)...)
		f := rv.Field(i)
		if _, cites := f.Addr().Interface().(*CitesRec); cites {
			errs = append(errs, decodeCites(val, key, f.Addr().Interface().(*CitesRec))...)
			continue
		}
		if err := json.Unmarshal(val, f.Addr().Interface()); err != nil {
			errs = append(errs, typeErr(key, f.Type(), val, err))
			f.Set(reflect.Zero(f.Type()))
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%w: %v", errSyntax, err)
	}
	if len(bytes.TrimSpace(raw[dec.InputOffset():])) > 0 {
		return nil, fmt.Errorf("%w: more than one JSON value", errSyntax)
	}
	return errs, nil
}

// decodeCites decodes a list of citations one by one, so that a problem
// names the citation.
func decodeCites(val []byte, key string, dst *CitesRec) []fieldErr {
	*dst = nil
	if bytes.Equal(bytes.TrimSpace(val), []byte("null")) {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(val, &items); err != nil {
		return []fieldErr{{field: key, builder: key, msg: "want a list of citations (source ids or {\"id\", \"quote\"} objects), got " + jsonKind(val)}}
	}
	var errs []fieldErr
	out := make(CitesRec, len(items))
	for i, it := range items {
		if err := out[i].UnmarshalJSON(it); err != nil {
			f := fmt.Sprintf("%s[%d]", key, i)
			fe := fieldErr{field: f, builder: f + ".id", msg: trimJSONErr(err)}
			var nested *fieldError
			if errors.As(err, &nested) {
				fe.field, fe.msg = f+"."+nested.field, nested.msg
			}
			errs = append(errs, fe)
			out[i] = CiteRec{}
		}
	}
	*dst = out
	return errs
}

// typeErr describes a value of the wrong type in the user's terms.
func typeErr(key string, t reflect.Type, val []byte, err error) fieldErr {
	fe := fieldErr{field: key, builder: key}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		want := userType(t)
		if te.Field != "" && te.Type != t {
			// an element of a list: say what the list holds
			want = userType(reflect.SliceOf(te.Type))
		}
		fe.msg = fmt.Sprintf("want %s, got %s", want, jsonKind(val))
		if t.Kind() == reflect.Slice && jsonKind(val) == "a list" {
			fe.msg = fmt.Sprintf("want %s, got a list holding %s", want, article(te.Value))
		}
	default:
		fe.msg = trimJSONErr(err)
	}
	return fe
}

// userType names a Go type as a user of the format knows it.
func userType(t reflect.Type) string {
	switch t {
	case reflect.TypeOf(CitesRec{}):
		return "a list of citations"
	case reflect.TypeOf(PropsRec{}):
		return "an object of properties"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Pointer:
		return userType(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return "a list of strings"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// jsonKind names the kind of JSON value raw starts.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

func article(jsonType string) string {
	switch jsonType {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a " + jsonType
}

var fieldCache sync.Map // reflect.Type -> map[string]int

// fieldsOf maps the JSON names of struct type t (and their lower case) to
// field indexes.
func fieldsOf(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		m[name] = i
		if _, ok := m[strings.ToLower(name)]; !ok {
			m[strings.ToLower(name)] = i
		}
	}
	fieldCache.Store(t, m)
	return m
}

// dupKeys returns a problem for every key given twice in one object inside
// JSON value raw (which is valid), named by its path under field.
func dupKeys(raw []byte, field string) []fieldErr {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || (raw[0] != '{' && raw[0] != '[') || !bytes.ContainsAny(raw, "{") {
		return nil
	}
	var errs []fieldErr
	dec := json.NewDecoder(bytes.NewReader(raw))
	var walk func(path string) bool
	walk = func(path string) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return true
		}
		switch d {
		case '{':
			seen := map[string]bool{}
			for dec.More() {
				tok, err := dec.Token()
				if err != nil {
					return false
				}
				k, _ := tok.(string)
				p := k
				if path != "" {
					p = path + "." + k
				}
				if seen[k] {
					errs = append(errs, fieldErr{field: p, msg: "duplicate key: the field is given twice"})
				}
				seen[k] = true
				if !walk(p) {
					return false
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				if !walk(fmt.Sprintf("%s[%d]", path, i)) {
					return false
				}
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err == nil
	}
	walk(field)
	return errs
}
