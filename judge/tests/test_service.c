#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "job.h"
#include "redis_url.h"
#include "sha256.h"

/* ==== redis URLs ==== */

Test(redis_url, forms)
{
	struct redis_url u;
	struct jerr err;

	cr_assert_eq(redis_url_parse("redis://localhost", &u, &err), 0);
	cr_assert_str_eq(u.host, "localhost");
	cr_assert_eq(u.port, 6379);
	cr_assert_eq(u.db, 0);
	cr_assert_str_eq(u.path, "");

	cr_assert_eq(redis_url_parse("redis://bob:s%40cret@10.0.0.5:6380/3", &u, &err), 0);
	cr_assert_str_eq(u.user, "bob");
	cr_assert_str_eq(u.pass, "s@cret");
	cr_assert_str_eq(u.host, "10.0.0.5");
	cr_assert_eq(u.port, 6380);
	cr_assert_eq(u.db, 3);

	cr_assert_eq(redis_url_parse("redis://:pw@h:1/", &u, &err), 0);
	cr_assert_str_eq(u.user, "");
	cr_assert_str_eq(u.pass, "pw");
	cr_assert_eq(u.port, 1);

	cr_assert_eq(redis_url_parse("redis://[::1]:7000/2", &u, &err), 0);
	cr_assert_str_eq(u.host, "::1");
	cr_assert_eq(u.port, 7000);
	cr_assert_eq(u.db, 2);

	cr_assert_eq(redis_url_parse("unix:///run/redis/redis.sock", &u, &err), 0);
	cr_assert_str_eq(u.path, "/run/redis/redis.sock");
	cr_assert_str_eq(u.host, "");
}

Test(redis_url, rejected)
{
	static const char *const bad[] = {
		"", "localhost:6379", "http://h", "redis://", "redis://:6379", "redis://h:0",
		"redis://h:65536", "redis://h:12x", "redis://h/db", "redis://h/-1", "unix://relative.sock",
		"redis://[::1", "redis://[::1]x", "redis://u:%4@h", "redis://u:%00@h",
	};
	struct redis_url u;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct jerr err = { 0 };

		cr_expect_eq(redis_url_parse(bad[i], &u, &err), -1, "accepted '%s'", bad[i]);
		cr_expect_str_eq(err.key, "--redis", "'%s': key %s", bad[i], err.key);
	}
}

/* ==== jobs ==== */

#define PROB "\"problem\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\""
#define SRC "\"sources\":[{\"name\":\"a.c\",\"content\":\"int main(){}\"}]"

Test(job, valid_full)
{
	const char *t = "{\"id\":\"j-1\"," PROB ",\"language\":\"c\"," SRC
			",\"limits\":{\"time_ms\":500,\"memory_kb\":65536},\"checker\":\"float:1e-6\","
			"\"mode\":\"ptrace\",\"fail_fast\":true,\"submitted_ms\":123}";
	struct job j;
	struct jerr err;

	cr_assert_eq(job_parse(t, strlen(t), 1 << 20, &j, &err), 0, "%s: %s", err.key, err.msg);
	cr_assert_str_eq(j.id, "j-1");
	cr_assert_str_eq(j.language, "c");
	cr_assert_str_eq(j.files[0].name, "a.c");
	cr_assert_eq(j.files[0].len, 12);
	cr_assert(j.time_set && j.memory_set && !j.wall_set && !j.output_set);
	cr_assert_eq(j.lim.cpu_ms, 500);
	cr_assert_eq(j.lim.memory_kib, 65536);
	cr_assert_str_eq(j.checker, "float:1e-6");
	cr_assert(j.mode_set && j.mode == RUN_PTRACE && j.fail_fast);
	cr_assert_eq(j.submitted_ms, 123);
	job_free(&j);
}

Test(job, multi_file_round_trip)
{
	const char *t = "{\"id\":\"m\"," PROB ",\"sources\":[{\"name\":\"app/Main.java\",\"content\":\"a\"},"
			"{\"name\":\"app/util/T.java\",\"content\":\"bc\"}],\"entry\":\"app/Main.java\"}";
	struct job j, k;
	struct jerr err;
	json_t *o;
	char *text;

	cr_assert_eq(job_parse(t, strlen(t), 100, &j, &err), 0, "%s: %s", err.key, err.msg);
	cr_assert_eq(j.n_files, 2);
	cr_assert_str_eq(j.files[1].name, "app/util/T.java");
	cr_assert_str_eq(j.entry, "app/Main.java");
	o = job_json(&j);
	text = json_dumps(o, JSON_COMPACT);
	cr_assert_eq(job_parse(text, strlen(text), 100, &k, &err), 0, "%s", text);
	cr_assert_eq(k.n_files, 2);
	cr_assert_eq(k.files[1].len, 2);
	cr_assert_str_eq(k.entry, "app/Main.java");
	free(text);
	json_decref(o);
	job_free(&j);
	job_free(&k);
}

Test(job, round_trip)
{
	const char *t = "{\"id\":\"x\"," PROB "," SRC ",\"limits\":{\"wall_ms\":9}}";
	struct job j, k;
	struct jerr err;
	json_t *o;
	char *text;

	cr_assert_eq(job_parse(t, strlen(t), 100, &j, &err), 0);
	o = job_json(&j);
	text = json_dumps(o, JSON_COMPACT);
	cr_assert_eq(job_parse(text, strlen(text), 100, &k, &err), 0, "%s", text);
	cr_assert_str_eq(k.id, "x");
	cr_assert(k.wall_set && k.lim.wall_ms == 9 && !k.time_set);
	cr_assert_eq(k.files[0].len, j.files[0].len);
	free(text);
	json_decref(o);
	job_free(&j);
	job_free(&k);
}

struct bad_job {
	const char *text, *field;
	const char *id;		/* the id kept for the error result, "" if none */
};

Test(job, errors_name_the_field)
{
	static const struct bad_job cases[] = {
		{ "{\"id\":", "job", "" },
		{ "[1]", "job", "" },
		{ "{" PROB "," SRC "}", "id", "" },
		{ "{\"id\":\"a b\"," PROB "," SRC "}", "id", "" },
		{ "{\"id\":\"j\"," SRC "}", "problem", "j" },
		{ "{\"id\":\"j\",\"problem\":\"abc\"," SRC "}", "problem", "j" },
		{ "{\"id\":\"j\"," PROB "}", "sources", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[]}", "sources", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"../x.c\",\"content\":\"\"}]}",
		  "sources[0].name", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"x.c\"}]}", "sources[0].content", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"x.c\",\"content\":\"0123456789abc\"}]}",
		  "sources[0].content", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"language\":\"../../etc/x\"}", "language", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"limits\":{\"time_ms\":-1}}", "limits.time_ms", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"limits\":{\"cpu\":1}}", "limits.cpu", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"mode\":\"none\"}", "mode", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"checker\":\"/bin/true\"}", "checker", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"extra\":1}", "extra", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"a/.git/x\",\"content\":\"\"}]}",
		  "sources[0].name", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"a//x\",\"content\":\"\"}]}",
		  "sources[0].name", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"a.c\",\"content\":\"\"},"
		  "{\"name\":\"a.c\",\"content\":\"\"}]}", "sources[1].name", "j" },
		{ "{\"id\":\"j\"," PROB ",\"sources\":[{\"name\":\"a.c\",\"content\":\"0123456\"},"
		  "{\"name\":\"b.c\",\"content\":\"0123456\"}]}", "sources[1].content", "j" },
		{ "{\"id\":\"j\"," PROB "," SRC ",\"entry\":\"b.c\"}", "entry", "j" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct job j;
		struct jerr err = { 0 };

		cr_expect_eq(job_parse(cases[i].text, strlen(cases[i].text), 12, &j, &err), -1,
			     "accepted %s", cases[i].text);
		cr_expect_str_eq(err.key, cases[i].field, "%s: field %s (%s)", cases[i].text, err.key, err.msg);
		cr_expect_str_eq(j.id, cases[i].id, "%s: id '%s'", cases[i].text, j.id);
		cr_expect(err.line >= 1, "%s: no position", cases[i].text);
		job_free(&j);
	}
}

/* ==== sha256 ==== */

Test(sha256, known_vectors)
{
	struct sha256 s;
	char hex[65];
	char million[1000];

	sha256_init(&s);
	sha256_hex(&s, hex);
	cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_hex(&s, hex);
	cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	memset(million, 'a', sizeof(million));
	sha256_init(&s);
	for (int i = 0; i < 1000; i++)
		sha256_update(&s, million, sizeof(million));
	sha256_hex(&s, hex);
	cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* ==== cache ==== */

static char *key_of(int i)
{
	static char k[65];

	snprintf(k, sizeof(k), "%064x", i);
	return k;
}

/* An entry of `kib` KiB published under key i. */
static void put(struct cache *c, int i, int kib)
{
	char tmp[PATH_MAX], path[PATH_MAX + 16];
	char *buf = calloc(1024, (size_t)kib);
	FILE *f;

	cr_assert(cache_begin(c, tmp, sizeof(tmp)) == 0);
	snprintf(path, sizeof(path), "%s/data", tmp);
	f = fopen(path, "w");
	cr_assert(f);
	fwrite(buf, 1024, (size_t)kib, f);
	fclose(f);
	free(buf);
	cr_assert(cache_commit(c, "programs", key_of(i), tmp) == 0);
}

static bool has(struct cache *c, int i)
{
	char path[PATH_MAX + 128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/programs/%s", c->dir, key_of(i));
	return stat(path, &st) == 0;
}

static void age(struct cache *c, int i, time_t when)
{
	char path[PATH_MAX + 128];
	struct timespec ts[2] = { { when, 0 }, { when, 0 } };

	snprintf(path, sizeof(path), "%s/programs/%s", c->dir, key_of(i));
	utimensat(AT_FDCWD, path, ts, 0);
}

Test(cache, lru_eviction_spares_entries_in_use)
{
	char dir[] = "/tmp/judge-cache-test-XXXXXX";
	struct cache c;
	struct cache_entry held, e;
	struct jerr err;

	cr_assert(mkdtemp(dir));
	cr_assert_eq(cache_open(&c, dir, 1LL << 30, &err), 0, "%s", err.msg);
	for (int i = 0; i < 4; i++) {
		put(&c, i, 100);
		age(&c, i, 1000000 + i);	/* 0 oldest ... 3 newest */
	}
	/* using 0 makes it the most recent; holding 1 keeps it whatever its age */
	cr_assert_eq(cache_get(&c, "programs", key_of(0), &e), 1);
	cache_release(&e);
	cr_assert_eq(cache_get(&c, "programs", key_of(1), &held), 1);
	c.max_bytes = 250 * 1024;
	cache_evict(&c);
	cr_expect(has(&c, 0), "the entry just used was evicted");
	cr_expect(has(&c, 1), "an entry in use was evicted");
	cr_expect(!has(&c, 2), "the least recently used entry stayed");
	cr_expect(!has(&c, 3) || !has(&c, 0), "more than the bound was kept");
	cache_release(&held);
	cr_assert_eq(cache_get(&c, "programs", key_of(2), &e), 0);
	cr_assert_eq(cache_get(&c, "programs", "../../etc", &e), -1);
	cr_assert_eq(cache_get(&c, "../x", key_of(0), &e), -1);
	cache_close(&c);
	util_remove_tree(dir);
}

Test(cache, same_key_twice_keeps_the_first)
{
	char dir[] = "/tmp/judge-cache-test-XXXXXX";
	struct cache c;
	struct cache_entry e;
	struct jerr err;

	cr_assert(mkdtemp(dir));
	cr_assert_eq(cache_open(&c, dir, 1LL << 30, &err), 0);
	put(&c, 7, 1);
	put(&c, 7, 2);	/* another worker publishing the same content: dropped, no error */
	cr_assert_eq(cache_get(&c, "programs", key_of(7), &e), 1);
	cache_release(&e);
	cache_close(&c);
	util_remove_tree(dir);
}

Test(cache, refuses_a_planted_link)
{
	char dir[] = "/tmp/judge-cache-test-XXXXXX", link[PATH_MAX], target[PATH_MAX];
	struct cache c;
	struct cache_entry e;
	struct jerr err;

	cr_assert(mkdtemp(dir));
	cr_assert_eq(cache_open(&c, dir, 1LL << 30, &err), 0);
	/* an entry that is a link to elsewhere is not an entry */
	snprintf(target, sizeof(target), "%s/tmp", dir);
	snprintf(link, sizeof(link), "%s/programs/%s", dir, key_of(3));
	cr_assert_eq(symlink(target, link), 0);
	cr_assert_eq(cache_get(&c, "programs", key_of(3), &e), 0);
	cache_close(&c);
	/* nor is a cache directory that is a link */
	snprintf(link, sizeof(link), "%s/alias", dir);
	cr_assert_eq(symlink(dir, link), 0);
	cr_assert_eq(cache_open(&c, link, 1 << 20, &err), -1);
	util_remove_tree(dir);
}
