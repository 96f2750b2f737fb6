#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>
#include "csystem.h"

enum { slot_count = 64 };

static atomic_int received;
static atomic_int watching;
static atomic_ulong owners[slot_count];
static atomic_int latch_write = -1;

static void die_as_default(int number) {
  struct sigaction action = {0};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(number, &action, NULL);
  /* Blocked while this handler runs: delivered, with the default action, as it returns. */
  raise(number);
}

static void on_signal(int number) {
  int saved = errno;
  if (atomic_load(&received) != 0 || atomic_load(&watching) == 0) {
    die_as_default(number);
  } else {
    atomic_store(&received, number);
    int latch = atomic_load(&latch_write);
    if (latch >= 0) {
      ssize_t ignored = write(latch, "", 1);
      (void)ignored;
    }
    for (int slot = 0; slot < slot_count; slot++) {
      unsigned long owner = atomic_load(&owners[slot]);
      if (owner != 0) pthread_kill((pthread_t)owner, SIGUSR2);
    }
  }
  errno = saved;
}

int iotctl_interrupt_latch(void) {
  int ends[2] = {-1, -1};
  if (pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
  atomic_store(&latch_write, ends[1]);
  return ends[0];
}

void iotctl_interrupt_install(void) {
  struct sigaction action = {0};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  /* No SA_RESTART: the owner's poll, select or read must return EINTR. */
  action.sa_flags = 0;
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
}

int iotctl_interrupt_received(void) { return atomic_load(&received); }

int iotctl_interrupt_watch(pthread_t owner) {
  atomic_fetch_add(&watching, 1);
  for (int slot = 0; slot < slot_count; slot++) {
    unsigned long empty = 0;
    if (atomic_compare_exchange_strong(&owners[slot], &empty, (unsigned long)owner)) return slot;
  }
  return -1;
}

void iotctl_interrupt_unwatch(int slot) {
  if (slot >= 0 && slot < slot_count) atomic_store(&owners[slot], 0);
  atomic_fetch_sub(&watching, 1);
}
