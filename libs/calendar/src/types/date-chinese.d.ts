// date-chinese ships its declarations (`declare module 'date-chinese'`) without naming them in its
// package exports; this brings them in.
/// <reference path="../../../../node_modules/date-chinese/types/index.d.ts" />
