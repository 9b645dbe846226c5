/* multiple/ says nothing by itself and this source names no verdict: skipped. */
int main(void)
{
	return 0;
}
