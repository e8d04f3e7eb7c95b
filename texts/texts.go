package texts

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/relgraph/relgraph/graph"
)

// Fold returns s as quotes are compared: NFC, runs of white space as one
// space (trimmed at both ends), every quotation mark and apostrophe,
// straight or typographic, single or double, as ", every dash and minus
// sign as -, the ellipsis as "...", and soft hyphens and zero-width
// characters dropped. Single and double marks are one because pipelines
// turn the double quotes inside a quote into single ones.
func Fold(s string) string {
	if !isASCII(s) {
		s = norm.NFC.String(s)
	}
	f, _ := fold(s, false)
	return f
}

// fold folds s and, when track is set, returns for each byte of the result
// the offset in s of the character it comes from.
func fold(s string, track bool) (string, []int32) {
	var b strings.Builder
	b.Grow(len(s))
	var at []int32
	space, spaceAt := false, 0
	emit := func(str string, off int) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			if track {
				at = append(at, int32(spaceAt))
			}
		}
		space = false
		b.WriteString(str)
		if track {
			for range len(str) {
				at = append(at, int32(off))
			}
		}
	}
	for off, r := range s {
		switch {
		case unicode.IsSpace(r):
			if !space {
				spaceAt = off
			}
			space = true
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			// invisible: dropped
		case r == '\'' || r == '"' || r == '‘' || r == '’' || r == '‚' || r == '‛' || r == '′' || r == '´' || r == '`' || r == 'ʼ' ||
			r == '“' || r == '”' || r == '„' || r == '‟' || r == '″' || r == '«' || r == '»':
			emit(`"`, off)
		case r >= '\u2010' && r <= '\u2015' || r == '\u2212' || r == '\uFE58' || r == '\uFE63' || r == '\uFF0D':
			emit("-", off)
		case r == '…':
			emit("...", off)
		default:
			emit(string(r), off)
		}
	}
	return b.String(), at
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Dir is a directory of articles, read when a quote first needs one.
type Dir struct {
	root  string
	files map[string]string // relative slash path, and base name, -> relative path
	cache map[string]*article
}

type article struct {
	text   string  // as read, NFC
	folded string  // Fold(text)
	origAt []int32 // offset in text of each byte of folded
}

// Open lists the files under dir (recursively) without reading them.
func Open(dir string) (*Dir, error) {
	d := &Dir{root: dir, files: map[string]string{}, cache: map[string]*article{}}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("texts: %s is not a directory", dir)
	}
	var rels []string
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() {
			rels = append(rels, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	sort.Strings(rels)
	for _, p := range rels {
		d.files[p] = p
	}
	// A base name finds a file in a subdirectory too, unless two share it.
	bases := map[string]int{}
	for _, p := range rels {
		bases[path.Base(p)]++
	}
	for _, p := range rels {
		if b := path.Base(p); bases[b] == 1 {
			if _, taken := d.files[b]; !taken {
				d.files[b] = p
			}
		}
	}
	return d, nil
}

// Has reports whether the directory holds the file a source names.
func (d *Dir) Has(file string) bool {
	_, ok := d.lookup(file)
	return ok
}

func (d *Dir) lookup(file string) (string, bool) {
	if file == "" {
		return "", false
	}
	f := strings.ReplaceAll(file, "\\", "/")
	if p, ok := d.files[strings.TrimPrefix(path.Clean(f), "./")]; ok {
		return p, true
	}
	p, ok := d.files[path.Base(f)]
	return p, ok
}

func (d *Dir) article(rel string) (*article, error) {
	if a, ok := d.cache[rel]; ok {
		return a, nil
	}
	data, err := os.ReadFile(filepath.Join(d.root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	s := strings.ToValidUTF8(strings.TrimPrefix(string(data), "\uFEFF"), "\uFFFD")
	if !isASCII(s) {
		s = norm.NFC.String(s)
	}
	a := &article{text: s}
	a.folded, a.origAt = fold(s, true)
	d.cache[rel] = a
	return a, nil
}

// Check returns a problem for every quote whose source names a file of
// the directory and that does not occur in that file after [Fold]. A
// source is named by id or file; quotes of sources without a file in the
// directory are not checked. The same quote given twice at one place is
// reported once. Problems are in input order.
func (d *Dir) Check(sources []*graph.Source, quotes []graph.QuoteAt) graph.Problems {
	byID := map[string]*graph.Source{}
	byFile := map[string]*graph.Source{}
	for _, s := range sources {
		if _, dup := byID[s.ID]; !dup {
			byID[s.ID] = s
		}
		if s.File != "" {
			if _, dup := byFile[s.File]; !dup {
				byFile[s.File] = s
			}
		}
	}
	type key struct {
		pos          graph.Pos
		source, text string
	}
	done := map[key]bool{}
	var ps graph.Problems
	for _, q := range quotes {
		s := byID[q.Source]
		if s == nil {
			s = byFile[q.Source]
		}
		if s == nil {
			continue // an unknown source is the builder's problem
		}
		rel, ok := d.lookup(s.File)
		if !ok {
			continue
		}
		k := key{q.Pos, s.ID, q.Quote}
		if done[k] {
			continue
		}
		done[k] = true
		a, err := d.article(rel)
		if err != nil {
			ps = append(ps, graph.Problem{Pos: q.Pos, Field: q.Field, Msg: err.Error()})
			continue
		}
		fq := Fold(q.Quote)
		if a.contains(fq) {
			continue
		}
		msg := fmt.Sprintf("quote not found in %s", rel)
		if line, passage := a.closest(fq); passage != "" {
			msg += fmt.Sprintf("; closest passage (line %d): %q", line, passage)
		}
		ps = append(ps, graph.Problem{Pos: q.Pos, Field: q.Field, Msg: msg})
	}
	return ps
}

// contains reports whether the folded quote q is in the article: whole,
// without quotation marks around it, or as excerpts that are each in it.
// Excerpts are joined by an ellipsis ("..."), by "; " or are separate
// quoted strings ("a" "b"), which is how pipelines list several passages
// in one quote.
//
// The first letter of the quote or of an excerpt may differ in case, as
// when a quote starts a sentence that it does not start in the article.
func (a *article) contains(q string) bool {
	if q == "" || a.has(q) {
		return true
	}
	parts := excerpts(q)
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		if !a.has(p) {
			return false
		}
	}
	return true
}

func (a *article) has(q string) bool {
	if strings.Contains(a.folded, q) {
		return true
	}
	r, size := utf8.DecodeRuneInString(q)
	other := unicode.ToLower(r)
	if other == r {
		other = unicode.ToUpper(r)
	}
	return other != r && strings.Contains(a.folded, string(other)+q[size:])
}

func excerpts(q string) []string {
	q = strings.ReplaceAll(q, `" "`, "\x00")
	q = strings.ReplaceAll(q, `","`, "\x00")
	q = strings.ReplaceAll(q, "...", "\x00")
	q = strings.ReplaceAll(q, "; ", "\x00")
	var out []string
	for _, p := range strings.Split(q, "\x00") {
		p = strings.Trim(p, ` "`)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
