/* 512 MiB of bss: an image larger than a small memory limit before it runs. */
char bss[512 << 20];

int main(void)
{
	return ((volatile char *)bss)[sizeof(bss) - 1];
}
