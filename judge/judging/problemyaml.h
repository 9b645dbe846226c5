#ifndef JUDGE_PROBLEMYAML_H
#define JUDGE_PROBLEMYAML_H

#include <stdarg.h>
#include <yaml.h>

#include "problem.h"

/* Reads root/problem.yaml into p if it exists. */
int problem_read_yaml(const char *root, struct problem *p, struct jerr *err);
/* DOMjudge and Kattis tooling leave the time limit in root/.timelimit. */
int problem_read_timelimit(const char *root, struct problem *p, struct jerr *err);
/*
 * Sets *err to the message at node `at` of YAML file `file` (its line and
 * column, counted from 1 as SPEC §2 does), under `key`; returns -1.
 */
int yaml_vfail(struct jerr *err, const char *file, const char *key, const yaml_node_t *at,
	       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/*
 * Parses `text`, the contents of YAML file `file`, into *doc (the caller
 * deletes it): 0, or -1 with err at the syntax error's line and column (at
 * its byte, for bytes that are not text).
 */
int yaml_load_doc(const char *file, const char *text, size_t len, yaml_document_t *doc,
		  struct jerr *err);

#endif
