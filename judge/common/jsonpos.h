#ifndef JUDGE_JSONPOS_H
#define JUDGE_JSONPOS_H

#include <stddef.h>

/*
 * jansson keeps no source positions, so an error about a value that parsed
 * fine (an unknown syscall name, a wrong type) finds its line and column here
 * by scanning the raw text again.  The text should be JSON that jansson
 * accepted; on anything else the scan gives up with -1, and it never reads
 * past `len` whatever the input.
 *
 * A path names one value from the top: "allow[3]", "rules.openat",
 * "files.read[0]".  A segment is a key (bare at the start, else after '.'),
 * an array index "[N]", or a quoted key ["a.b"] for a key holding any of
 * . [ ] " \ (with " and \ escaped by \).  "" is the top-level value.
 * jsonpos_append_key() writes keys in that form.
 */

/*
 * 1-based; the column counts characters (UTF-8 sequences), not bytes, and a
 * tab is one column: the same convention as jansson's json_error_t, so
 * syntax errors and semantic errors point the same way.
 */
struct jsonpos {
	int line, col;
};

/* Where the value at `path` starts.  0, or -1 when there is no such value. */
int jsonpos_value(const char *text, size_t len, const char *path, struct jsonpos *pos);
/*
 * Where the key of the member at `path` starts (its opening quote), for errors
 * about the key itself ("unknown key").  When the last segment is an index,
 * the same as jsonpos_value().
 */
int jsonpos_key(const char *text, size_t len, const char *path, struct jsonpos *pos);

/*
 * Append one segment to the NUL-terminated path in buf.  A segment that does
 * not fit is left out whole, so that the path still names a real value: the
 * enclosing one.
 */
void jsonpos_append_key(char *buf, size_t size, const char *key);
void jsonpos_append_index(char *buf, size_t size, size_t index);

#endif
