/* Does nothing at all: built static, its whole cost is the kernel's exec and exit. */
int main(void)
{
	return 0;
}
