#ifndef JUDGE_NATSORT_H
#define JUDGE_NATSORT_H

/*
 * Natural order, the order a person expects test names in: runs of digits
 * compare by value, so "2" < "10", "test2" < "test10" and "a/9" < "a/10";
 * every other byte compares as unsigned.  Names equal under that rule ("01"
 * and "1") fall back to plain byte order, so the order is total and qsort()
 * gives the same result on every run.  Returns <0, 0 or >0 like strcmp().
 */
int natsort_cmp(const char *a, const char *b);

#endif
