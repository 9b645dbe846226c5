/* Prints which signals it starts with ignored and which blocked: "none" twice for a clean start. */
#include <signal.h>
#include <stdio.h>

int main(void)
{
	sigset_t blocked;
	int n = 0;

	printf("ignored:");
	for (int s = 1; s < 65; s++) {
		struct sigaction sa;

		if (sigaction(s, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN && ++n)
			printf(" %d", s);
	}
	printf(n ? "\n" : " none\n");
	n = 0;
	printf("blocked:");
	if (sigprocmask(SIG_BLOCK, NULL, &blocked) == 0)
		for (int s = 1; s < 65; s++)
			if (sigismember(&blocked, s) == 1 && ++n)
				printf(" %d", s);
	printf(n ? "\n" : " none\n");
	return 0;
}
