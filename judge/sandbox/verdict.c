#include "verdict.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const names[] = {
	[V_OK] = "OK", [V_AC] = "AC", [V_WA] = "WA", [V_TLE] = "TLE", [V_MLE] = "MLE",
	[V_OLE] = "OLE", [V_RE] = "RE", [V_RF] = "RF", [V_CE] = "CE", [V_IE] = "IE",
};

const char *verdict_name(enum verdict v)
{
	return (unsigned)v < ARRAY_SIZE(names) ? names[v] : "IE";
}

static const char *const mle_names[] = {
	[MLE_NONE] = "none", [MLE_PEAK] = "peak", [MLE_ALLOCATION] = "allocation",
	[MLE_NEAR_LIMIT] = "near_limit", [MLE_IMAGE] = "image", [MLE_RUNTIME] = "runtime",
	[MLE_CGROUP] = "cgroup",
};

void outcome_memory_exceeded(struct outcome *o, enum mle_rule rule)
{
	if (o->mle == MLE_NONE)
		o->mle = rule;
}

const char *mle_rule_name(enum mle_rule rule)
{
	return (unsigned)rule < ARRAY_SIZE(mle_names) ? mle_names[rule] : "none";
}

int verdict_exit_status(enum verdict v)
{
	return v == V_OK || v == V_AC ? 0 : v == V_IE ? 2 : 1;
}

int verdict_from_name(const char *name)
{
	for (unsigned v = 0; v < ARRAY_SIZE(names); v++)
		if (strcmp(names[v], name) == 0)
			return (int)v;
	return -1;
}

void verdict_decide(const struct outcome *o, const struct usage *u, const struct limits *l,
		    enum check_result c, const char *feedback, struct result *r)
{
	struct sandbox_layers keep = r->layers;

	memset(r, 0, sizeof(*r));
	r->layers = keep;
	r->out = *o;
	r->use = *u;
	if (feedback)
		snprintf(r->feedback, sizeof(r->feedback), "%s", feedback);

	if (o->ie) {
		r->verdict = V_IE;
		snprintf(r->message, sizeof(r->message), "internal error: %s", o->ie_msg);
	} else if (o->rf) {
		r->verdict = V_RF;
		snprintf(r->message, sizeof(r->message), "forbidden syscall %s (%s #%ld)%s%s",
			 o->sys.name, abi_name(o->sys.abi), o->sys.nr,
			 o->sys.detail[0] ? ": " : "", o->sys.detail);
	} else if (o->mle != MLE_NONE || u->memory_kib > l->memory_kib) {
		r->verdict = V_MLE;
		r->mle_rule = mle_rule_name(o->mle != MLE_NONE ? o->mle : MLE_PEAK);
		if (o->mle == MLE_ALLOCATION && o->refused_bytes > 0)
			snprintf(r->message, sizeof(r->message),
				 "memory limit %lld KiB exceeded: an allocation of %lld KiB was refused",
				 (long long)l->memory_kib, (long long)((o->refused_bytes + 1023) / 1024));
		else
			snprintf(r->message, sizeof(r->message), "memory limit %lld KiB exceeded",
				 (long long)l->memory_kib);
	} else if (o->cpu_exceeded || u->cpu_ns > l->cpu_ms * 1000000) {
		r->verdict = V_TLE;
		r->limit = "cpu";
		snprintf(r->message, sizeof(r->message), "CPU time limit %lld ms exceeded",
			 (long long)l->cpu_ms);
	} else if (o->judge_exceeded) {
		/* The CPU limit covers what the judge spends on the program's behalf. */
		r->verdict = V_TLE;
		r->limit = "cpu";
		snprintf(r->message, sizeof(r->message),
			 "the judge's own CPU time for this run exceeded its budget of %lld ms "
			 "(the program kept the tracer busy: %ld syscall stops)",
			 (long long)o->judge_budget_ms, u->stops);
	} else if (o->wall_exceeded || u->wall_ns > l->wall_ms * 1000000) {
		r->verdict = V_TLE;
		r->limit = "wall";
		snprintf(r->message, sizeof(r->message), "wall time limit %lld ms exceeded",
			 (long long)l->wall_ms);
	} else if (o->output_exceeded || u->output_bytes > l->output_bytes) {
		r->verdict = V_OLE;
		snprintf(r->message, sizeof(r->message), "output limit %lld bytes exceeded",
			 (long long)l->output_bytes);
	} else if (o->signal) {
		r->verdict = V_RE;
		snprintf(r->message, sizeof(r->message), "killed by signal %d (%s)", o->signal,
			 sigabbrev_np(o->signal) ? sigabbrev_np(o->signal) : "?");
	} else if (!o->exited || o->exit_code != 0) {
		r->verdict = V_RE;
		snprintf(r->message, sizeof(r->message), "exit code %d", o->exit_code);
	} else if (c == CHECK_FAIL) {
		r->verdict = V_IE;
		util_message(r->message, sizeof(r->message), "checker failed%s%s",
			     r->feedback[0] ? ": " : "", r->feedback);
	} else if (c == CHECK_WA || c == CHECK_PE) {
		r->verdict = V_WA;
		util_message(r->message, sizeof(r->message), "wrong answer%s%s",
			     r->feedback[0] ? ": " : "", r->feedback);
	} else if (c == CHECK_AC) {
		r->verdict = V_AC;
		snprintf(r->message, sizeof(r->message), "accepted");
	} else {
		r->verdict = V_OK;
		snprintf(r->message, sizeof(r->message), "ran to completion");
	}
}
