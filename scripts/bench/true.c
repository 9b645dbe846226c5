/* startup: the smallest program there is; built with -static so no loader runs. */
int main(void)
{
	return 0;
}
