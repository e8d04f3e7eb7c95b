package export

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
)

// hashVersion starts every hashed row: a change to how rows are built or
// hashed changes it, so that the next reload writes everything once.
const hashVersion = "relgraph-row-v1"

// RowHash returns the content hash of a row of [CypherGroups] (which
// gives every row with properties its hash as HashProperty): the
// first 128 bits of SHA-256 over a canonical encoding (map keys sorted,
// every value tagged with its type and length), in hex. The endpoints'
// element ids a loader adds (a, b) and the hash itself are left out.
func RowHash(row map[string]any) string {
	h := sha256.New()
	buf := make([]byte, 0, 512)
	buf = append(buf, hashVersion...)
	buf = appendCanon(buf, row, true)
	h.Write(buf)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

func appendCanon(b []byte, v any, top bool) []byte {
	str := func(b []byte, tag byte, s string) []byte {
		b = append(b, tag)
		b = binary.AppendUvarint(b, uint64(len(s)))
		return append(b, s...)
	}
	switch v := v.(type) {
	case nil:
		return append(b, 'z')
	case string:
		return str(b, 's', v)
	case bool:
		if v {
			return append(b, 't')
		}
		return append(b, 'f')
	case int:
		return binary.AppendVarint(append(b, 'i'), int64(v))
	case int64:
		return binary.AppendVarint(append(b, 'i'), v)
	case float64:
		return binary.BigEndian.AppendUint64(append(b, 'd'), math.Float64bits(v))
	case []string:
		b = binary.AppendUvarint(append(b, 'l'), uint64(len(v)))
		for _, s := range v {
			b = str(b, 's', s)
		}
		return b
	case []any:
		b = binary.AppendUvarint(append(b, 'l'), uint64(len(v)))
		for _, x := range v {
			b = appendCanon(b, x, false)
		}
		return b
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			if k == HashProperty || top && (k == "a" || k == "b") {
				continue
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = binary.AppendUvarint(append(b, 'm'), uint64(len(keys)))
		for _, k := range keys {
			b = str(b, 'k', k)
			b = appendCanon(b, v[k], false)
		}
		return b
	default:
		return str(b, '?', fmt.Sprintf("%T:%v", v, v))
	}
}

// withHash adds the row's content hash to the properties it writes.
func withHash(row map[string]any) map[string]any {
	if props, ok := row["props"].(map[string]any); ok {
		props[HashProperty] = RowHash(row)
	}
	return row
}
