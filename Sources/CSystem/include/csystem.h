#ifndef IOTCTL_CSYSTEM_H
#define IOTCTL_CSYSTEM_H
#include <spawn.h>

/* glibc declares posix_spawn_file_actions_addclosefrom_np only under _GNU_SOURCE, which Swift's Glibc
   module does not set: one door to it. Returns 0 or an errno value. */
int iotctl_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);
#endif
