#ifndef IOTCTL_CZLIB_SHIM_H
#define IOTCTL_CZLIB_SHIM_H
#include <zlib.h>
#endif
