/* A non-zero exit status is RE, with the status reported. */
int main(void)
{
	return 3;
}
