#ifndef JUDGE_DIRPOOL_H
#define JUDGE_DIRPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Private working directories kept from one judge process to the next.
 * Making a fresh directory and removing it costs about 0.1 ms on ext4 (the
 * journal), more than a whole native run of a small program, and a judge
 * backend starts one judge per test.  So a workspace is a slot of a pool,
 * emptied when given back, instead:
 *
 *   TMP/judge-ws-EUID-K    slot K (0 <= K < DIRPOOL_SLOTS) of the judges
 *                          running as EUID: 0700, owned by the uid the
 *                          program runs as, flock'ed exclusively by the
 *                          judge using it
 *
 * The slots sit where mkdtemp would put a fresh directory, beside the
 * others, so that a policy sees the same path shape (compile-lisp reads
 * /tmp itself to take its source's truename).  A name another user planted
 * there (TMP is shared and sticky), a link, or a slot of another owner is
 * passed over; all slots busy or passed over, the caller makes a fresh
 * directory.  Whatever a slot holds is removed when it is taken and when it
 * is given back, so a judge killed half-way leaves nothing the next one
 * sees.  A slot is no more exposed than the fresh directory it replaces:
 * both belong to the program's uid for the whole run.
 */

#define DIRPOOL_SLOTS 8

struct dirpool_slot {
	bool held;	/* a slot of the pool, to give back */
	int fd;		/* the slot, locked */
};

/*
 * A pooled, empty directory under `tmp` for files of `uid`:`gid`, its path in
 * `out`.  0, or -1 when the pool cannot serve (errno unchanged for the
 * caller's own fallback to mkdtemp).
 */
int dirpool_take(const char *tmp, uid_t uid, gid_t gid, char *out, size_t len,
		 struct dirpool_slot *s);
/* Empties the slot and unlocks it for the next judge. */
void dirpool_give(struct dirpool_slot *s);

#endif
