package gen

import (
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// GraphRAGRows counts the rows [WriteGraphRAG] wrote to each table.
type GraphRAGRows struct {
	Documents, TextUnits, Entities, Covariates, Relationships int
}

// Total is the number of rows in all tables: the records a reader reads.
func (r GraphRAGRows) Total() int {
	return r.Documents + r.TextUnits + r.Entities + r.Covariates + r.Relationships
}

// unitsPerDocument is how many text units (chunks) each document is cut
// into; GraphRAG's default chunk of 1,200 tokens gives about that many for
// a long news article.
const unitsPerDocument = 10

// writeBatch is the number of rows handed to the Parquet writer at once.
const writeBatch = 4096

// The tables, column for column as GraphRAG 2.x writes them with pandas
// and pyarrow (the Parquet of ingest/testdata/graphrag/dulce): optional
// UTF-8 strings, optional 64-bit integers and doubles, and lists of
// optional strings. Pointers are optional integers, so that 0 is written
// as 0 and not as null.

type grDocument struct {
	ID              string   `parquet:"id,optional"`
	HumanReadableID *int64   `parquet:"human_readable_id,int(64)"`
	Title           string   `parquet:"title,optional"`
	Text            string   `parquet:"text,optional"`
	TextUnitIDs     []string `parquet:"text_unit_ids,optional,list" parquet-element:",optional"`
	CreationDate    string   `parquet:"creation_date,optional"`
}

type grTextUnit struct {
	ID              string   `parquet:"id,optional"`
	HumanReadableID *int64   `parquet:"human_readable_id,int(64)"`
	Text            string   `parquet:"text,optional"`
	NTokens         *int64   `parquet:"n_tokens,int(64)"`
	DocumentID      string   `parquet:"document_id,optional"`
	EntityIDs       []string `parquet:"entity_ids,optional,list" parquet-element:",optional"`
	RelationshipIDs []string `parquet:"relationship_ids,optional,list" parquet-element:",optional"`
	CovariateIDs    []string `parquet:"covariate_ids,optional,list" parquet-element:",optional"`
}

type grEntity struct {
	ID              string   `parquet:"id,optional"`
	HumanReadableID *int64   `parquet:"human_readable_id,int(64)"`
	Title           string   `parquet:"title,optional"`
	Type            string   `parquet:"type,optional,dict"`
	Description     string   `parquet:"description,optional"`
	TextUnitIDs     []string `parquet:"text_unit_ids,optional,list" parquet-element:",optional"`
	Frequency       *int64   `parquet:"frequency,int(64)"`
	Degree          *int64   `parquet:"degree,int(64)"`
}

type grRelationship struct {
	ID              string   `parquet:"id,optional"`
	HumanReadableID *int64   `parquet:"human_readable_id,int(64)"`
	Source          string   `parquet:"source,optional"`
	Target          string   `parquet:"target,optional"`
	Description     string   `parquet:"description,optional"`
	Weight          *float64 `parquet:"weight"`
	CombinedDegree  *int64   `parquet:"combined_degree,int(64)"`
	TextUnitIDs     []string `parquet:"text_unit_ids,optional,list" parquet-element:",optional"`
}

type grCovariate struct {
	ID              string `parquet:"id,optional"`
	HumanReadableID *int64 `parquet:"human_readable_id,int(64)"`
	CovariateType   string `parquet:"covariate_type,optional,dict"`
	Type            string `parquet:"type,optional,dict"`
	Description     string `parquet:"description,optional"`
	SubjectID       string `parquet:"subject_id,optional"`
	ObjectID        string `parquet:"object_id,optional"`
	Status          string `parquet:"status,optional,dict"`
	StartDate       string `parquet:"start_date,optional"`
	EndDate         string `parquet:"end_date,optional"`
	SourceText      string `parquet:"source_text,optional"`
	TextUnitID      string `parquet:"text_unit_id,optional"`
}

// GraphRAG's default entity types, weighted as a news corpus might give
// them; CONCEPT maps to no kind of the default schema (it becomes Other).
var graphragTypes = []string{
	"PERSON", "PERSON", "PERSON", "PERSON", "PERSON", "PERSON", "PERSON", "PERSON",
	"ORGANIZATION", "ORGANIZATION", "ORGANIZATION", "ORGANIZATION", "ORGANIZATION",
	"GEO", "GEO", "GEO", "GEO", "EVENT", "EVENT", "CONCEPT",
}

var claimTypes = []string{"ARMS TRANSFER", "SANCTIONS EVASION", "CYBER ATTACK", "ELECTION INTERFERENCE"}

var claimStatuses = []string{"TRUE", "FALSE", "SUSPECTED", "SUSPECTED"}

// WriteGraphRAG writes the extraction c as the output of a Microsoft
// GraphRAG index run (2.x tables, named as GraphRAG names them): it calls
// create for documents.parquet, text_units.parquet, entities.parquet,
// covariates.parquet and relationships.parquet, writes each and closes it.
//
// c.Sources documents are cut into text units of their own; c.Entities
// entities (titles in upper case, as GraphRAG writes them) have GraphRAG's
// types; a share c.Aliases of them is written a second time under another
// id and a hyphenated title, which merges by name; a share c.Allegations
// of c.Entities is the number of claims (covariates), whose subject and
// object name entities by title; c.Relations relationships join random
// entities by title, half of those that name a twice-written entity by
// its other title. Every row names the text units it comes from, and the
// text units list what they contain, as GraphRAG's do. Ids are UUIDs and
// SHA-512 hex strings, as GraphRAG's are; texts and descriptions are short
// synthetic sentences. The same Config always gives the same rows.
func WriteGraphRAG(create func(name string) (io.WriteCloser, error), c Config) (GraphRAGRows, error) {
	var rows GraphRAGRows
	if c.Entities < 2 {
		return rows, fmt.Errorf("gen: need at least 2 entities, got %d", c.Entities)
	}
	if c.Sources <= 0 {
		c.Sources = max(1, c.Entities/100)
	}
	if c.Allegations == 0 {
		c.Allegations = 0.05
	}
	if c.Aliases == 0 {
		c.Aliases = 0.1
	}
	r := rand.New(rand.NewPCG(c.Seed, c.Seed^0x9e3779b97f4a7c15))
	g := grIDs{seed: c.Seed}
	nUnits := c.Sources * unitsPerDocument
	unitID := make([]string, nUnits)
	for i := range unitID {
		unitID[i] = hexID("text_unit", c.Seed, i)
	}
	unitEnts := make([][]string, nUnits)
	unitRels := make([][]int32, nUnits) // relationship numbers; their ids are recomputed
	unitCovs := make([][]string, nUnits)
	units := func() []string {
		tus := make([]string, 1+r.IntN(2))
		for i := range tus {
			tus[i] = unitID[r.IntN(nUnits)]
		}
		if len(tus) == 2 && tus[0] == tus[1] {
			tus = tus[:1]
		}
		return tus
	}
	unitNumber := make(map[string]int, nUnits)
	for i, id := range unitID {
		unitNumber[id] = i
	}
	unitIndex := func(id string) int { return unitNumber[id] }

	// entities
	titles := make([]string, c.Entities)
	alias := make([]string, c.Entities) // the other title of a twice-written entity
	ents := make([]grEntity, 0, writeBatch)
	err := writeTable(create, "entities.parquet", func(w *parquet.GenericWriter[grEntity]) error {
		n := 0
		// both spellings of an entity have its description, as GraphRAG
		// summarizes one title's descriptions
		add := func(title, typ, desc string) error {
			e := grEntity{ID: g.uuid('e', n), HumanReadableID: ptr(int64(n)), Title: title, Type: typ, Description: desc,
				TextUnitIDs: units(), Frequency: ptr(int64(1 + r.IntN(20))), Degree: ptr(int64(r.IntN(50)))}
			for _, tu := range e.TextUnitIDs {
				i := unitIndex(tu)
				unitEnts[i] = append(unitEnts[i], e.ID)
			}
			n++
			ents = append(ents, e)
			if len(ents) == writeBatch {
				_, err := w.Write(ents)
				ents = ents[:0]
				return err
			}
			return nil
		}
		for i := range titles {
			titles[i] = strings.ToUpper(nameOf(i))
			typ := graphragTypes[r.IntN(len(graphragTypes))]
			desc := "Synthetic " + strings.ToLower(typ) + " " + titles[i] + ", named in the reports."
			if err := add(titles[i], typ, desc); err != nil {
				return err
			}
			if r.Float64() < c.Aliases {
				alias[i] = hyphenate(titles[i])
				if err := add(alias[i], typ, desc); err != nil {
					return err
				}
			}
		}
		rows.Entities = n
		_, err := w.Write(ents)
		return err
	})
	if err != nil {
		return rows, err
	}
	// title names entity i, by its other title half of the time.
	title := func(i int) string {
		if alias[i] != "" && r.IntN(2) == 0 {
			return alias[i]
		}
		return titles[i]
	}

	// covariates (claims)
	nClaims := int(float64(c.Entities) * c.Allegations)
	covs := make([]grCovariate, 0, writeBatch)
	err = writeTable(create, "covariates.parquet", func(w *parquet.GenericWriter[grCovariate]) error {
		for i := 0; i < nClaims; i++ {
			typ := claimTypes[r.IntN(len(claimTypes))]
			subject, object := title(r.IntN(c.Entities)), "NONE"
			if r.IntN(5) > 0 {
				object = title(r.IntN(c.Entities))
			}
			start, end := "NONE", "NONE"
			if r.IntN(2) == 0 {
				start = date(r) + "T00:00:00"
				end = start
			}
			tu := unitID[r.IntN(nUnits)]
			cv := grCovariate{ID: g.uuid('c', i), HumanReadableID: ptr(int64(i)), CovariateType: "claim", Type: typ,
				Description: "Synthetic claim " + strconv.Itoa(i) + ": " + subject + " is said to be involved in " + strings.ToLower(typ) + ".",
				SubjectID:   subject, ObjectID: object, Status: claimStatuses[r.IntN(len(claimStatuses))],
				StartDate: start, EndDate: end,
				SourceText: "Synthetic source text of claim " + strconv.Itoa(i) + ".", TextUnitID: tu}
			unitCovs[unitIndex(tu)] = append(unitCovs[unitIndex(tu)], cv.ID)
			covs = append(covs, cv)
			if len(covs) == writeBatch {
				if _, err := w.Write(covs); err != nil {
					return err
				}
				covs = covs[:0]
			}
		}
		rows.Covariates = nClaims
		_, err := w.Write(covs)
		return err
	})
	if err != nil {
		return rows, err
	}

	// relationships
	rels := make([]grRelationship, 0, writeBatch)
	err = writeTable(create, "relationships.parquet", func(w *parquet.GenericWriter[grRelationship]) error {
		for i := 0; i < c.Relations; i++ {
			a := r.IntN(c.Entities)
			b := r.IntN(c.Entities - 1)
			if b >= a {
				b++ // never a loop
			}
			rel := grRelationship{ID: g.uuid('r', i), HumanReadableID: ptr(int64(i)), Source: title(a), Target: title(b),
				Description: "Synthetic relationship " + strconv.Itoa(i) + " between two entities of the reports.",
				Weight:      ptr(float64(1 + r.IntN(10))), CombinedDegree: ptr(int64(2 + r.IntN(100))), TextUnitIDs: units()}
			for _, tu := range rel.TextUnitIDs {
				j := unitIndex(tu)
				unitRels[j] = append(unitRels[j], int32(i))
			}
			rels = append(rels, rel)
			if len(rels) == writeBatch {
				if _, err := w.Write(rels); err != nil {
					return err
				}
				rels = rels[:0]
			}
		}
		rows.Relationships = c.Relations
		_, err := w.Write(rels)
		return err
	})
	if err != nil {
		return rows, err
	}

	// text units, then the documents they make up
	unitText := func(i int) string {
		return "Synthetic text unit " + strconv.Itoa(i) + " of article " + strconv.Itoa(i/unitsPerDocument) +
			". It reports meetings, visits, agreements and accusations among the entities it names."
	}
	err = writeTable(create, "text_units.parquet", func(w *parquet.GenericWriter[grTextUnit]) error {
		batch := make([]grTextUnit, 0, writeBatch)
		for i := 0; i < nUnits; i++ {
			text := unitText(i)
			relIDs := make([]string, len(unitRels[i]))
			for k, n := range unitRels[i] {
				relIDs[k] = g.uuid('r', int(n))
			}
			batch = append(batch, grTextUnit{ID: unitID[i], HumanReadableID: ptr(int64(i)), Text: text,
				NTokens: ptr(int64(len(text) / 4)), DocumentID: hexID("document", c.Seed, i/unitsPerDocument),
				EntityIDs: unitEnts[i], RelationshipIDs: relIDs, CovariateIDs: unitCovs[i]})
			if len(batch) == writeBatch {
				if _, err := w.Write(batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		rows.TextUnits = nUnits
		_, err := w.Write(batch)
		return err
	})
	if err != nil {
		return rows, err
	}
	err = writeTable(create, "documents.parquet", func(w *parquet.GenericWriter[grDocument]) error {
		batch := make([]grDocument, 0, writeBatch)
		for d := 0; d < c.Sources; d++ {
			var text strings.Builder
			tus := unitID[d*unitsPerDocument : (d+1)*unitsPerDocument]
			for i := range tus {
				if i > 0 {
					text.WriteByte(' ')
				}
				text.WriteString(unitText(d*unitsPerDocument + i))
			}
			batch = append(batch, grDocument{ID: hexID("document", c.Seed, d), HumanReadableID: ptr(int64(d)),
				Title: "article_" + strconv.Itoa(d) + ".txt", Text: text.String(), TextUnitIDs: tus,
				CreationDate: date(r) + " 00:00:00 +0000"})
			if len(batch) == writeBatch {
				if _, err := w.Write(batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		rows.Documents = c.Sources
		_, err := w.Write(batch)
		return err
	})
	return rows, err
}

// writeTable creates the file name, writes its rows with fill through a
// Parquet writer compressed with Snappy (pyarrow's default) and closes it.
func writeTable[T any](create func(string) (io.WriteCloser, error), name string, fill func(*parquet.GenericWriter[T]) error) error {
	f, err := create(name)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	// "schema" is the name pyarrow gives the root of every file
	schema := parquet.NewSchema("schema", parquet.SchemaOf(new(T)))
	w := parquet.NewGenericWriter[T](f, schema, parquet.Compression(&parquet.Snappy), parquet.CreatedBy("relgraph gen", "", ""))
	if err := fill(w); err != nil {
		f.Close()
		return fmt.Errorf("gen: %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		f.Close()
		return fmt.Errorf("gen: %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("gen: %s: %w", name, err)
	}
	return nil
}

// grIDs makes the UUIDs of entities, claims and relationships.
type grIDs struct{ seed uint64 }

// uuid returns a version 4 UUID that depends only on the seed, the table
// tag and the row number, so that an id can be computed again from them.
func (g grIDs) uuid(tag byte, n int) string {
	x := rand.NewPCG(g.seed^uint64(tag)<<56, uint64(n))
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], x.Uint64())
	binary.BigEndian.PutUint64(b[8:], x.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// hexID is a SHA-512 hex digest, the form of GraphRAG's document and text
// unit ids.
func hexID(kind string, seed uint64, n int) string {
	sum := sha512.Sum512([]byte(kind + " " + strconv.FormatUint(seed, 10) + " " + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:])
}

func ptr[T any](v T) *T { return &v }
