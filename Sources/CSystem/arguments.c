/* CommandLine.arguments' source, in place of the Swift runtime's. Its CommandLine.cpp finds argv at
   start-up by reading /proc/self/maps and walking the stack from environ (about 160,000 instructions
   and a file open, read and close at every start; issue 17), because a runtime loaded as a library is
   not handed argv. An executable is: glibc passes argc and argv to each .init_array function. Defining
   both of that file's functions here keeps the static link from pulling it in. */
#include <stdlib.h> /* defines __GLIBC__ under glibc */

/* Only glibc passes argc and argv to .init_array functions (musl does not), and only ELF has them. */
#if defined(__linux__) && defined(__GLIBC__)

static int captured_count;
static char **captured_arguments;
static char **override_arguments;
static int override_count;

static void capture(int count, char **arguments, char **environment) {
  (void)environment;
  captured_count = count;
  captured_arguments = arguments;
}

__attribute__((section(".init_array"), used)) static void (*const capture_at_start)(int, char **, char **) = capture;

char **_swift_stdlib_getUnsafeArgvArgc(int *count) {
  static char *empty[] = {NULL};
  if (override_arguments != NULL) {
    *count = override_count;
    return override_arguments;
  }
  if (captured_arguments == NULL) {
    *count = 0;
    return empty;
  }
  *count = captured_count;
  return captured_arguments;
}

void _swift_stdlib_overrideUnsafeArgvArgc(char **arguments, int count) {
  override_arguments = arguments;
  override_count = count;
}

#endif
