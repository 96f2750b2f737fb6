#ifndef IOTCTL_CSYSTEM_H
#define IOTCTL_CSYSTEM_H
#include <spawn.h>
#include <sys/epoll.h>  /* the fleet loop's event set; Swift's Glibc module leaves it out */
#include <pthread.h>
#include <curl/curl.h>

/* glibc declares posix_spawn_file_actions_addclosefrom_np only under _GNU_SOURCE, which Swift's Glibc
   module does not set: one door to it. Returns 0 or an errno value. */
int iotctl_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

/* SIGINT and SIGTERM (IotctlMQTT's Interruption). The handler lives in C because it may only touch
   lock-free atomics and async-signal-safe calls. With no owner watching, or on a second signal, it
   restores the default action and re-raises, so the signal acts as it would without iotctl. Otherwise
   it records the signal, writes a byte to the latch pipe (never read, so it stays readable) and sends
   SIGUSR2 to each watching owner, which interrupts its poll, select or read.
   The latch is made by iotctl_interrupt_latch, when the first session with a network thread needs a
   watcher (a pipe at every start cost each one-shot command a syscall and two descriptors); it returns
   the read end, or -1 if the pipe could not be made. A signal that came before the latch was made is
   in iotctl_interrupt_received, which the caller checks after making it. watch returns a slot for
   unwatch; past 64 owners at once it counts the owner but cannot wake it (-1), and the owner sees the
   signal at its next check. */
void iotctl_interrupt_install(void);
int iotctl_interrupt_latch(void);
int iotctl_interrupt_received(void);
int iotctl_interrupt_watch(pthread_t owner);
void iotctl_interrupt_unwatch(int slot);

/* libcurl, loaded with dlopen on first use rather than linked: linking it makes the dynamic loader map
   its 26 dependencies at every start of every verb, which doubled a one-shot pub's time. Only firmware
   downloads need it. iotctl_curl_load returns NULL once libcurl is ready, else why it is not. The others
   are libcurl's functions; setopt and getinfo are variadic, which Swift cannot call, so each argument type
   has its own door. */
const char *iotctl_curl_load(void);
CURL *iotctl_curl_easy_init(void);
void iotctl_curl_easy_cleanup(CURL *curl);
CURLcode iotctl_curl_easy_perform(CURL *curl);
const char *iotctl_curl_easy_strerror(CURLcode code);
CURLcode iotctl_curl_set_long(CURL *curl, CURLoption option, long value);
CURLcode iotctl_curl_set_offset(CURL *curl, CURLoption option, curl_off_t value);
CURLcode iotctl_curl_set_string(CURL *curl, CURLoption option, const char *value);
CURLcode iotctl_curl_set_pointer(CURL *curl, CURLoption option, void *value);
typedef size_t (*iotctl_curl_write_callback)(char *data, size_t size, size_t count, void *context);
CURLcode iotctl_curl_set_write(CURL *curl, iotctl_curl_write_callback callback);
CURLcode iotctl_curl_get_long(CURL *curl, CURLINFO info, long *value);
#endif
