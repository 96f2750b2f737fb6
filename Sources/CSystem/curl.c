#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include "csystem.h"

static struct {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *curl);
  CURLcode (*easy_perform)(CURL *curl);
  const char *(*easy_strerror)(CURLcode code);
  CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
} api;

static const char *load_error = "libcurl was not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
  void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    load_error = "libcurl (libcurl.so.4) cannot be loaded; install it: apt-get install libcurl4";
    return;
  }
  *(void **)&api.global_init = dlsym(library, "curl_global_init");
  *(void **)&api.easy_init = dlsym(library, "curl_easy_init");
  *(void **)&api.easy_cleanup = dlsym(library, "curl_easy_cleanup");
  *(void **)&api.easy_perform = dlsym(library, "curl_easy_perform");
  *(void **)&api.easy_strerror = dlsym(library, "curl_easy_strerror");
  *(void **)&api.easy_setopt = dlsym(library, "curl_easy_setopt");
  *(void **)&api.easy_getinfo = dlsym(library, "curl_easy_getinfo");
  if (!api.global_init || !api.easy_init || !api.easy_cleanup || !api.easy_perform || !api.easy_strerror ||
      !api.easy_setopt || !api.easy_getinfo) {
    load_error = "libcurl.so.4 lacks a function iotctl needs; install a current libcurl4";
    return;
  }
  if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    load_error = "libcurl failed to initialise";
    return;
  }
  load_error = NULL;
}

const char *iotctl_curl_load(void) {
  pthread_once(&once, load);
  return load_error;
}

CURL *iotctl_curl_easy_init(void) { return api.easy_init(); }
void iotctl_curl_easy_cleanup(CURL *curl) { api.easy_cleanup(curl); }
CURLcode iotctl_curl_easy_perform(CURL *curl) { return api.easy_perform(curl); }
const char *iotctl_curl_easy_strerror(CURLcode code) { return api.easy_strerror(code); }
CURLcode iotctl_curl_set_long(CURL *curl, CURLoption option, long value) { return api.easy_setopt(curl, option, value); }
CURLcode iotctl_curl_set_offset(CURL *curl, CURLoption option, curl_off_t value) {
  return api.easy_setopt(curl, option, value);
}
CURLcode iotctl_curl_set_string(CURL *curl, CURLoption option, const char *value) {
  return api.easy_setopt(curl, option, value);
}
CURLcode iotctl_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
  return api.easy_setopt(curl, option, value);
}
CURLcode iotctl_curl_set_write(CURL *curl, iotctl_curl_write_callback callback) {
  return api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode iotctl_curl_get_long(CURL *curl, CURLINFO info, long *value) { return api.easy_getinfo(curl, info, value); }
