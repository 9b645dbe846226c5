#ifndef JUDGE_PROBLEMYAML_H
#define JUDGE_PROBLEMYAML_H

#include "problem.h"

/* Reads root/problem.yaml into p if it exists. */
int problem_read_yaml(const char *root, struct problem *p, struct jerr *err);
/* DOMjudge and Kattis tooling leave the time limit in root/.timelimit. */
int problem_read_timelimit(const char *root, struct problem *p, struct jerr *err);

#endif
