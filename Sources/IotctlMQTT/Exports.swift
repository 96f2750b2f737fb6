// Topic checks and clocks live below the bridge, so that code that never opens a session can use them;
// everything that opens one gets them from here.
@_exported import IotctlBase
