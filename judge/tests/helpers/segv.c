/* Death by a signal the judge did not send is RE with that signal. */
int main(void)
{
	volatile int *p = (int *)16;

	*p = 1;
	return 0;
}
