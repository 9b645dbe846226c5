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

#endif
