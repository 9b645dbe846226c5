#ifndef JUDGE_UTIL_H
#define JUDGE_UTIL_H

#include <dirent.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED __attribute__((unused))

/*
 * Where bad input to the judge was found, so that every error can name the
 * file, the key (a JSON path such as "rules.openat") and, when known, the line
 * and column.  Library code fills one of these and returns -1; only main.c
 * prints it and exits 2.
 */
struct jerr {
	char file[256];
	int line, col;		/* 0 when unknown */
	char key[128];
	char msg[384];
};

void jerr_set(struct jerr *e, const char *file, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "file:line:col: key: msg" with the parts that are known. */
void jerr_format(const struct jerr *e, char *buf, size_t len);

/*
 * A message for people into a fixed buffer, where cutting a long one short
 * is the intent (a checker's feedback quoted in a verdict's message): cut at
 * a character boundary, never half-way through a UTF-8 sequence.
 */
void util_message(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_perror(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The first n bytes of s (which need not be terminated there), terminated. */
char *xstrndup(const char *s, size_t n);
/* "a" + "b" -> "a/b"; an empty `dir` gives `name` alone. */
char *util_path_join(const char *dir, const char *name);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * "256M", "1G", "65536K", "100000" (KiB) -> KiB.  Returns -1 on bad syntax or
 * overflow.  Byte sizes (the output limit) use util_parse_bytes: a bare number
 * there is bytes.
 */
int64_t util_parse_kib(const char *s);
int64_t util_parse_bytes(const char *s);
/*
 * A duration in milliseconds: "500" or "500ms", "2s", "1.5s" (a fraction of
 * seconds down to the millisecond); -1 when malformed or too large.
 */
int64_t util_parse_ms(const char *s);

/* Levenshtein distance; 1000 for strings longer than 63 bytes. */
int util_distance(const char *s, const char *t);
/* Index of the candidate at most two edits from name, for "did you mean"; -1 if none. */
int util_closest(const char *name, const char *const *cands, size_t n);

/*
 * Set by SIGTERM, SIGINT or SIGHUP once util_catch_interrupts() is in force:
 * the trace loop then kills the program and reports IE "interrupted", and
 * callers stop starting new runs, so temporary files and cgroups are removed
 * on the way out as on any other exit.
 */
extern volatile sig_atomic_t util_interrupted;
void util_catch_interrupts(void);

/* Length of the valid UTF-8 sequence at s (NUL-terminated), or 0 if invalid. */
/* Length of the valid UTF-8 character at s (n bytes there), 0 if none. */
size_t util_utf8_char(const unsigned char *s, size_t n);
/* The same in a NUL-terminated string. */
size_t util_utf8_len(const unsigned char *s);

/* Removes a directory and everything below it, never following links. */
void util_remove_tree(const char *dir);
/* Removes everything in the directory `fd` names, not following links; `fd` stays open. */
void util_empty_dir(int fd);
/*
 * The directory `name` under `at` (openat's flags), opened for readdir from
 * its start; NULL with nothing left open when it cannot be.
 */
DIR *util_opendir_at(int at, const char *name, int flags);
/*
 * Default dispositions and an empty mask, for a child about to exec:
 * both survive execve, and an ignored SIGPIPE (nohup, some CI runners)
 * would change how the program or checker dies.
 */
void util_reset_signals(void);

/* Monotonic clock in nanoseconds. */
int64_t util_now_ns(void);

/* Reads a whole file into a NUL-terminated buffer; NULL with errno set. */
char *util_read_file(const char *path, size_t *len);
/*
 * A file a package may leave out: 1 with *text (util_read_file's), 0 when
 * it does not exist, -1 with err naming it ("cannot read: ...") otherwise.
 */
int util_read_optional(const char *path, char **text, size_t *len, struct jerr *err);

/* The k-th CPU this process may run on, wrapping around; -1 if unknown:
 * parallel workers pin themselves one to a CPU with it. */
int util_nth_cpu(int k);
/* Keeps this process on that CPU; nothing for -1. */
void util_pin_cpu(int cpu);

#endif
