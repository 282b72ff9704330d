package analytics

import (
	"strings"
	"sync"
)

// valueType is a DuckDB type name as the driver writes it
// (ConsoleResult.Types), parsed far enough to format nested values: a
// list's or array's element type, a struct's or union's fields in order, a
// map's key and value types. A nil *valueType is an unknown type.
type valueType struct {
	name   string // "INTEGER", "DATE", "UUID", "LIST", "STRUCT", "MAP", "UNION", …
	elem   *valueType
	fields []typeField // STRUCT and UNION members; MAP: key, value
}

type typeField struct {
	name string
	typ  *valueType
}

func (t *valueType) element() *valueType {
	if t == nil {
		return nil
	}
	return t.elem
}

func (t *valueType) typeName() string {
	if t == nil {
		return ""
	}
	return t.name
}

func (t *valueType) members() []typeField {
	if t == nil {
		return nil
	}
	return t.fields
}

func (t *valueType) field(name string) *valueType {
	if t == nil {
		return nil
	}
	for _, f := range t.fields {
		if f.name == name {
			return f.typ
		}
	}
	return nil
}

func (t *valueType) mapTypes() (key, value *valueType) {
	if t == nil || t.name != "MAP" || len(t.fields) != 2 {
		return nil, nil
	}
	return t.fields[0].typ, t.fields[1].typ
}

// typeCache holds parsed type names: a result's values share a few. It is
// emptied when full, so that analysts' endless struct names cannot grow it.
var typeCache struct {
	sync.Mutex
	m map[string]*valueType
}

const typeCacheSize = 256

// parseType parses a DuckDB type name; anything it cannot read is a type
// known by its name only.
func parseType(s string) *valueType {
	if s == "" {
		return nil
	}
	typeCache.Lock()
	t, ok := typeCache.m[s]
	typeCache.Unlock()
	if ok {
		return t
	}
	p := typeParser{s: s}
	t = p.parse(0)
	if p.failed || p.i != len(s) {
		t = &valueType{name: s}
	}
	typeCache.Lock()
	if len(typeCache.m) >= typeCacheSize || typeCache.m == nil {
		typeCache.m = make(map[string]*valueType, typeCacheSize)
	}
	typeCache.m[s] = t
	typeCache.Unlock()
	return t
}

// typeParser reads the grammar the driver writes: NAME, DECIMAL(p,s),
// T[], T[n], STRUCT("a" T, …), UNION("a" T, …), MAP(K, V).
type typeParser struct {
	s      string
	i      int
	failed bool
}

func (p *typeParser) parse(depth int) *valueType {
	if depth > maxValueDepth {
		p.failed = true
		return nil
	}
	start := p.i
	for p.i < len(p.s) && isTypeNameByte(p.s[p.i]) {
		p.i++
	}
	t := &valueType{name: p.s[start:p.i]}
	switch {
	case t.name == "":
		p.failed = true
		return nil
	case t.name == "STRUCT" || t.name == "UNION":
		p.expect("(")
		for !p.failed && !p.accept(")") {
			if len(t.fields) > 0 {
				p.expect(", ")
			}
			name := p.quoted()
			p.expect(" ")
			t.fields = append(t.fields, typeField{name, p.parse(depth + 1)})
		}
	case t.name == "MAP":
		p.expect("(")
		key := p.parse(depth + 1)
		p.expect(", ")
		val := p.parse(depth + 1)
		p.expect(")")
		t.fields = []typeField{{"key", key}, {"value", val}}
	case t.name == "DECIMAL" && p.accept("("):
		p.skipPast(')')
		t.name = p.s[start:p.i]
	}
	for !p.failed && p.accept("[") {
		p.skipPast(']')
		t = &valueType{name: "LIST", elem: t}
	}
	return t
}

func isTypeNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

func (p *typeParser) accept(tok string) bool {
	if strings.HasPrefix(p.s[p.i:], tok) {
		p.i += len(tok)
		return true
	}
	return false
}

func (p *typeParser) expect(tok string) {
	if !p.accept(tok) {
		p.failed = true
	}
}

func (p *typeParser) skipPast(c byte) {
	j := strings.IndexByte(p.s[p.i:], c)
	if j < 0 {
		p.failed = true
		p.i = len(p.s)
		return
	}
	p.i += j + 1
}

// quoted reads a "name" with "" for a quote inside.
func (p *typeParser) quoted() string {
	if !p.accept(`"`) {
		p.failed = true
		return ""
	}
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		if c != '"' {
			b.WriteByte(c)
			continue
		}
		if !p.accept(`"`) {
			return b.String()
		}
		b.WriteByte('"')
	}
	p.failed = true
	return ""
}
