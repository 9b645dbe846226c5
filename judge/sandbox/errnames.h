#ifndef JUDGE_ERRNAMES_H
#define JUDGE_ERRNAMES_H

/* The errno names a policy may use ("default", "errno", "files.deny"). */

/* "EACCES" -> 13, or -1 when not an errno name the judge knows. */
int policy_errno_from_name(const char *name);
const char *policy_errno_name(int err);
/* The known name nearest to a misspelt one, or NULL. */
const char *policy_errno_closest(const char *name);

#endif
