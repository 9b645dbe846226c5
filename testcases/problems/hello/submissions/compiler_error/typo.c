int main(void)
{
	printf("Hello\n")
}
