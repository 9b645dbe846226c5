# The syntax error is in a module, not the entry: every source is checked.
import helper

print(helper.add(*map(int, input().split())))
