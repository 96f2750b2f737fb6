#ifndef IOTCTL_CMOSQUITTO_SHIM_H
#define IOTCTL_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif
