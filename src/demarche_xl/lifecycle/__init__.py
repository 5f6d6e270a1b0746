"""The life of a workbook while a step writes it, the same for every door (command line, desktop add-in, xlwings
Lite): one writer at a time (`lock`), leftovers of dead runs removed, read-only file or folder refused, a workbook of
a newer version refused and an older one upgraded (`upgrade`), the `Journal` line (`journal`), the write history,
Excel's limits, then the store's save (backup, loss guard, atomic replace). See `session`."""
