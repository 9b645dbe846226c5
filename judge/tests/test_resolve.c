#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <string.h>

#include "resolve.h"

/* hiredis's TCP connect resolves through these (resolve.c): no NSS, no DNS. */

static const struct addrinfo tcp4 = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
static const struct addrinfo tcp6 = { .ai_family = AF_INET6, .ai_socktype = SOCK_STREAM };

Test(resolve, numeric_ipv4_with_its_port)
{
	struct addrinfo *ai;
	const struct sockaddr_in *in;

	cr_assert_eq(judge_getaddrinfo("127.0.0.1", "6380", &tcp4, &ai), 0);
	cr_assert_eq(ai->ai_family, AF_INET);
	cr_expect_eq(ai->ai_socktype, SOCK_STREAM);
	in = (const struct sockaddr_in *)ai->ai_addr;
	cr_expect_eq(ntohs(in->sin_port), 6380);
	cr_expect_eq(ntohl(in->sin_addr.s_addr), INADDR_LOOPBACK);
	cr_expect_null(ai->ai_next);
	judge_freeaddrinfo(ai);
}

Test(resolve, numeric_ipv6_only_when_the_family_admits_it)
{
	struct addrinfo *ai;

	cr_assert_eq(judge_getaddrinfo("::1", "6379", &tcp6, &ai), 0);
	cr_expect_eq(ai->ai_family, AF_INET6);
	cr_expect_eq(ntohs(((const struct sockaddr_in6 *)ai->ai_addr)->sin6_port), 6379);
	judge_freeaddrinfo(ai);
	/* hiredis asks for IPv4 first, then IPv6: the IPv4 question has no answer */
	cr_expect_eq(judge_getaddrinfo("::1", "6379", &tcp4, &ai), EAI_NONAME);
	cr_expect_null(ai);
}

Test(resolve, localhost_without_dns)
{
	struct addrinfo *ai;

	cr_assert_eq(judge_getaddrinfo("localhost", "6379", &tcp4, &ai), 0);
	cr_expect_eq(ai->ai_family, AF_INET);
	cr_expect_eq(ntohl(((const struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr), INADDR_LOOPBACK);
	judge_freeaddrinfo(ai);
}

Test(resolve, other_names_are_refused_saying_why)
{
	struct addrinfo *ai;

	cr_expect_eq(judge_getaddrinfo("no-such-host.invalid", "6379", &tcp4, &ai), EAI_NONAME);
	cr_expect_null(ai);
	cr_expect_not_null(strstr(judge_gai_strerror(EAI_NONAME), "/etc/hosts"));
	cr_expect_eq(judge_getaddrinfo("127.0.0.1", "http", &tcp4, &ai), EAI_SERVICE);
	cr_expect_eq(judge_getaddrinfo("127.0.0.1", "70000", &tcp4, &ai), EAI_SERVICE);
}
