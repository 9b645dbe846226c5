#include "template.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

char *template_expand(const char *tmpl, const struct template_vars *v)
{
	size_t cap = strlen(tmpl) + 256, n = 0;
	char *out = xmalloc(cap);
	char num[32];

	for (const char *p = tmpl; *p;) {
		const char *val = NULL;
		size_t skip = 0;

		if (*p == '{') {
			static const char *const keys[] = { "{source}", "{exe}", "{dir}", "{stem}",
							    "{memory_mb}", "{sources}", "{tmp}" };

			for (unsigned k = 0; k < ARRAY_SIZE(keys); k++)
				if (strncmp(p, keys[k], strlen(keys[k])) == 0) {
					skip = strlen(keys[k]);
					switch (k) {
					case 0: val = v->source; break;
					case 1: val = v->exe; break;
					case 2: val = v->dir; break;
					case 3: val = v->stem; break;
					case 4:
						snprintf(num, sizeof(num), "%lld", (long long)v->memory_mb);
						val = num;
						break;
					/* inside a longer string it can only be the entry */
					case 5: val = v->source; break;
					case 6: val = v->tmp; break;
					}
					break;
				}
		}
		if (!skip) {
			val = p;
			skip = 1;
		} else if (!val) {
			val = "";
		}
		size_t l = val == p ? 1 : strlen(val);

		if (n + l + 1 > cap)
			out = xrealloc(out, cap = (n + l + 1) * 2);
		memcpy(out + n, val, l);
		n += l;
		p += skip;
	}
	out[n] = '\0';
	return out;
}
