package ingest

import "xxgk/ingest/schema"

// A figure's key joins its part, row and column ("s2.licensing.new"): the
// parser stored each figure under a key concatenated anew, an allocation a
// cell. figureKey returns the schema's own string of the key instead.

// canonicalKeys maps every key of the schema to itself.
var canonicalKeys = func() map[string]string {
	m := map[string]string{}
	for _, k := range schema.AllKeys() {
		m[k] = k
	}
	return m
}()

// figureKey returns part+"."+row+"."+col ("s2", "licensing", "new"): the
// schema's string when the key is one of its keys (looked up through a
// buffer on the stack, which the lookup does not copy), a new string
// otherwise.
func figureKey(part, row, col string) string {
	var buf [64]byte
	b := append(buf[:0], part...)
	b = append(b, '.')
	b = append(b, row...)
	b = append(b, '.')
	b = append(b, col...)
	if k, ok := canonicalKeys[string(b)]; ok {
		return k
	}
	return string(b)
}

// s4GroupKeys holds the keys of each part 四 group's five cells, and
// s4GroupWhere the group's place in messages, built once.
var s4GroupKeys, s4GroupWhere = func() (map[string][]string, map[string]string) {
	keys, where := map[string][]string{}, map[string]string{}
	for _, g := range schema.S4Groups {
		for _, c := range schema.S4Columns {
			keys[g.Key] = append(keys[g.Key], schema.S4Key(g.Key, c.Key))
		}
		where[g.Key] = "part 四 " + g.Key
	}
	return keys, where
}()

// s3RowWhere holds each part 三 row's place in messages, built once.
var s3RowWhere = func() map[string]string {
	m := map[string]string{}
	for _, r := range schema.S3Rows {
		m[r.Key] = "part 三 row " + r.Key
	}
	return m
}()

// s2RowWhere holds each part 二 row's place in messages, by its label,
// built once.
var s2RowWhere = func() map[string]string {
	m := map[string]string{}
	for _, t := range schema.Templates {
		for _, r := range schema.S2Rows[t] {
			m[r.Label] = "part 二 row " + r.Label
		}
	}
	return m
}()

// placeName returns names[key], or prefix+key for a key it lacks.
func placeName(names map[string]string, prefix, key string) string {
	if s, ok := names[key]; ok {
		return s
	}
	return prefix + key
}
