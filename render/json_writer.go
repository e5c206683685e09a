package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// jsonWriter writes one JSON object field by field, indented by two spaces
// as json.Encoder with SetIndent("", "  ") would, without building the
// whole document in memory. The first error sticks and is returned by close.
type jsonWriter struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder // into buf, indented for a value at depth 1
	elem   *json.Encoder // into buf, indented for a list entry at depth 2
	fields int
	err    error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	jw := &jsonWriter{w: bufio.NewWriterSize(w, 64<<10)}
	jw.enc = newIndentEncoder(&jw.buf, "  ")
	jw.elem = newIndentEncoder(&jw.buf, "    ")
	return jw
}

func newIndentEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc
}

// key starts the next field.
func (jw *jsonWriter) key(name string) {
	if jw.fields == 0 {
		jw.write([]byte("{\n"))
	} else {
		jw.write([]byte(",\n"))
	}
	jw.fields++
	k, _ := json.Marshal(name)
	jw.write([]byte("  "))
	jw.write(k)
	jw.write([]byte(": "))
}

// field writes one field with its whole value.
func (jw *jsonWriter) field(name string, v any) {
	jw.key(name)
	jw.encode(jw.enc, v)
}

// encode writes v through enc, without the newline Encode appends.
func (jw *jsonWriter) encode(enc *json.Encoder, v any) {
	if jw.err != nil {
		return
	}
	jw.buf.Reset()
	if err := enc.Encode(v); err != nil {
		jw.err = err
		return
	}
	jw.write(bytes.TrimSuffix(jw.buf.Bytes(), []byte("\n")))
}

func (jw *jsonWriter) write(p []byte) {
	if jw.err == nil {
		_, jw.err = jw.w.Write(p)
	}
}

// close ends the object and flushes.
func (jw *jsonWriter) close() error {
	jw.write([]byte("\n}\n"))
	if jw.err == nil {
		jw.err = jw.w.Flush()
	}
	return jw.err
}

// writeList writes a field whose value is a list, one entry at a time, each
// converted by conv just before it is written.
func writeList[T any](jw *jsonWriter, name string, items []T, conv func(T) any) {
	writeEach(jw, name, len(items), func(i int) any { return conv(items[i]) })
}

// writeEach writes a field whose value is a list of n entries, entry i made
// by at(i) just before it is written.
func writeEach(jw *jsonWriter, name string, n int, at func(i int) any) {
	jw.key(name)
	if n == 0 {
		jw.write([]byte("[]"))
		return
	}
	jw.write([]byte("[\n"))
	for i := range n {
		jw.write([]byte("    "))
		jw.encode(jw.elem, at(i))
		if i < n-1 {
			jw.write([]byte(","))
		}
		jw.write([]byte("\n"))
	}
	jw.write([]byte("  ]"))
}

// jsonObj is a JSON object whose keys are written in the order given, for
// objects whose keys come from the configuration.
type jsonObj []jsonKV

// jsonKV is one key of a jsonObj and its value.
type jsonKV struct {
	K string
	V any
}

// opt adds the key when v is not nil.
func (o jsonObj) opt(k string, v *jsonComparison) jsonObj {
	if v == nil {
		return o
	}
	return append(o, jsonKV{k, v})
}

// MarshalJSON writes the keys in order; the encoder indents the result.
func (o jsonObj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(kv.K); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if err := enc.Encode(kv.V); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
