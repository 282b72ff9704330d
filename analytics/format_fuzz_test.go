package analytics

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/big"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
)

// FuzzFormatValue builds arbitrary nested values (the shapes the driver
// returns) and type names from bytes: formatting must not panic, must end,
// must write valid JSON, and must stay within a bound of the input's size.
func FuzzFormatValue(f *testing.F) {
	f.Add([]byte{4, 3, 1, 2, 'h', 'i', 0, 6, 1, 1, 1, 'k', 2, 0, 0, 0, 0, 0, 0, 0, 7}, "MAP(VARCHAR, INTEGER[])")
	f.Add([]byte{5, 2, 1, 1, 'a', 8, 0, 0, 0, 0, 0, 0, 0, 9, 1, 1, 'b', 10}, `STRUCT("a" DATE, "b" BLOB)`)
	f.Add([]byte{7, 1, 'u', 9, 38, 200, 1, 2, 3}, `UNION("u" DECIMAL(38,10))`)
	f.Add([]byte{11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, "INTERVAL")
	f.Fuzz(func(t *testing.T, data []byte, typ string) {
		d := valueDecoder{data: data}
		v := d.value(0)
		text := FormatValue(v, typ)
		b, err := json.Marshal(JSONValue(v, typ))
		if err != nil {
			t.Fatalf("JSON of %#v: %v", v, err)
		}
		if !json.Valid(b) {
			t.Fatalf("invalid JSON %s", b)
		}
		bound := 64*len(data) + 64
		if len(text) > bound || len(b) > bound {
			t.Fatalf("%d input bytes wrote %d bytes of text, %d of JSON", len(data), len(text), len(b))
		}
	})
}

// valueDecoder reads a value from bytes: a kind byte, then its contents.
type valueDecoder struct {
	data []byte
	i    int
}

func (d *valueDecoder) byte() byte {
	if d.i >= len(d.data) {
		return 0
	}
	d.i++
	return d.data[d.i-1]
}

func (d *valueDecoder) bytes(n int) []byte {
	n = min(n, len(d.data)-d.i)
	b := d.data[d.i : d.i+n]
	d.i += n
	return b
}

func (d *valueDecoder) u64() uint64 {
	var b [8]byte
	copy(b[:], d.bytes(8))
	return binary.LittleEndian.Uint64(b[:])
}

func (d *valueDecoder) value(depth int) any {
	if d.i >= len(d.data) || depth > 200 {
		return nil
	}
	switch d.byte() % 15 {
	case 0:
		return nil
	case 1:
		return string(d.bytes(int(d.byte())))
	case 2:
		return int64(d.u64())
	case 3:
		return math.Float64frombits(d.u64())
	case 4, 5, 6, 13:
		return d.composite(depth)
	case 7:
		return d.byte()%2 == 0
	case 8:
		return time.Unix(int64(d.u64()%(1<<40)), 0).UTC()
	case 9:
		return duckdb.Decimal{Width: 38, Scale: d.byte() % 39, Value: new(big.Int).SetBytes(d.bytes(int(d.byte() % 17)))}
	case 10:
		return d.bytes(int(d.byte()))
	case 11:
		return duckdb.Interval{Months: int32(d.u64()), Days: int32(d.u64() >> 32), Micros: int64(d.u64())}
	case 12:
		n := new(big.Int).SetBytes(d.bytes(int(d.byte() % 17)))
		if d.byte()%2 == 0 {
			n.Neg(n)
		}
		return n
	default:
		return float32(math.Float32frombits(uint32(d.u64())))
	}
}

func (d *valueDecoder) composite(depth int) any {
	kind := d.data[d.i-1] % 15
	n := int(d.byte() % 8)
	switch kind {
	case 4:
		l := make([]any, n)
		for i := range l {
			l[i] = d.value(depth + 1)
		}
		return l
	case 5:
		m := map[string]any{}
		for range n {
			k := d.bytes(int(d.byte() % 8))
			if utf8.Valid(k) {
				m[string(k)] = d.value(depth + 1)
			}
		}
		return m
	case 6:
		var m duckdb.OrderedMap
		for range n {
			k := d.value(depth + 1)
			switch k.(type) {
			case []any, map[string]any, []byte, duckdb.OrderedMap, duckdb.Map:
				continue // not comparable: the driver refuses such keys too
			}
			m.Set(k, d.value(depth+1))
		}
		return m
	}
	return duckdb.Union{Tag: string(d.bytes(int(d.byte() % 8))), Value: d.value(depth + 1)}
}
