// Package texts checks quotes against the articles they were taken from.
// An extraction pipeline that paraphrases or invents a quote leaves a
// citation whose quote is not in the article; [Dir.Check] finds every one
// and reports it with the place of the record and the closest passage of
// the article, so that a person can see what the article really says.
//
// Quotes and articles are compared after [Fold]: runs of white space are
// one space, typographic quotes are plain ones and every dash is a
// hyphen, so that "Kim’s  visit—soon" matches "Kim's visit-soon". Case and
// everything else must match.
//
//	d, err := texts.Open("articles/")
//	b := graph.NewBuilder(nil, graph.Limits{})
//	b.KeepQuotes()
//	// … read the extraction into b …
//	problems := d.Check(b.Sources(), b.Quotes())
package texts
