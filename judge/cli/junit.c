#include "junit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"
#include "util.h"

static const char replacement[] = "\xef\xbf\xbd";

/* Length of a valid UTF-8 sequence at s that XML 1.0 allows, or 0. */
static size_t xml_char(const unsigned char *s)
{
	size_t n = util_utf8_len(s);

	if (n == 1 && s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r')
		return 0;
	/* U+FFFE and U+FFFF are not XML characters */
	if (n == 3 && s[0] == 0xef && s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf))
		return 0;
	return n;
}

/* In an attribute value newlines and tabs are escaped too, or parsers fold them to spaces. */
static void put_escaped(FILE *f, const char *text, bool attr)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");

	while (*p) {
		size_t n = xml_char(p);

		if (!n) {
			fputs(replacement, f);
			p++;
			continue;
		}
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs(attr ? "&quot;" : "\"", f); break;
		case '\'': fputs(attr ? "&apos;" : "'", f); break;
		case '\n': fputs(attr ? "&#10;" : "\n", f); break;
		case '\r': fputs("&#13;", f); break;
		case '\t': fputs(attr ? "&#9;" : "\t", f); break;
		default: fwrite(p, 1, n, f); break;
		}
		p += n;
	}
}

static void put_attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	put_escaped(f, value, true);
	fputc('"', f);
}

int junit_print(FILE *f, const struct junit_suite *s)
{
	size_t failures = 0, errors = 0, skipped = 0;
	double total = 0;
	char num[64];

	for (size_t i = 0; i < s->n; i++) {
		failures += s->cases[i].status == JUNIT_FAILURE;
		errors += s->cases[i].status == JUNIT_ERROR;
		skipped += s->cases[i].status == JUNIT_SKIPPED;
		total += s->cases[i].seconds;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite", f);
	put_attr(f, "name", s->name);
	fprintf(f, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\">\n",
		s->n, failures, errors, skipped, total);
	if (s->source || s->n_props) {
		fputs("    <properties>\n", f);
		if (s->source) {
			fputs("      <property name=\"source\"", f);
			put_attr(f, "value", s->source);
			fputs("/>\n", f);
		}
		for (size_t i = 0; i < s->n_props; i++) {
			fputs("      <property", f);
			put_attr(f, "name", s->props[i].name);
			put_attr(f, "value", s->props[i].value);
			fputs("/>\n", f);
		}
		fputs("    </properties>\n", f);
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct junit_case *c = &s->cases[i];
		static const char *const elem[] = {
			[JUNIT_FAILURE] = "failure", [JUNIT_ERROR] = "error", [JUNIT_SKIPPED] = "skipped",
		};

		fputs("    <testcase", f);
		put_attr(f, "name", c->name);
		put_attr(f, "classname", s->name);
		snprintf(num, sizeof(num), "%.3f", c->seconds);
		put_attr(f, "time", num);
		if (c->status == JUNIT_PASS) {
			fputs("/>\n", f);
			continue;
		}
		fprintf(f, ">\n      <%s", elem[c->status]);
		if (c->type && c->status != JUNIT_SKIPPED)
			put_attr(f, "type", c->type);
		put_attr(f, "message", c->message);
		if (c->detail && c->detail[0]) {
			fputc('>', f);
			put_escaped(f, c->detail, false);
			fprintf(f, "</%s>\n", elem[c->status]);
		} else {
			fputs("/>\n", f);
		}
		fputs("    </testcase>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
	return ferror(f) ? -1 : 0;
}

int junit_write(const char *path, const struct junit_suite *s, struct jerr *err)
{
	struct safefile sf;
	FILE *f;

	if (safefile_create(&sf, path, 0644) < 0) {
		jerr_set(err, path, "--report", "%s", sf.why);
		return -1;
	}
	f = fdopen(sf.fd, "w");
	if (!f) {
		jerr_set(err, path, "--report", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	if (junit_print(f, s) < 0 || fflush(f) != 0 || fsync(sf.fd) < 0) {
		jerr_set(err, path, "--report", "cannot write: %s", strerror(errno));
		fclose(f);
		sf.fd = -1;
		safefile_abort(&sf);
		return -1;
	}
	sf.fd = -1;
	if (fclose(f) != 0) {
		jerr_set(err, path, "--report", "cannot write: %s", strerror(errno));
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf) < 0) {
		jerr_set(err, path, "--report", "%s", sf.why);
		return -1;
	}
	return 0;
}
