/// How `iotctl emulate` answers an (up) operation, or what a push of a (down) operation changes in its
/// state: a profile's `"emulate"`. Each behaviour is written once in the emulator and bound to operations
/// by this name; the profile schema lists the same names.
public enum EmulatorBehaviour: String, Sendable, CaseIterable {
  case emptyStatus = "empty-status"
  case storeAttributes = "store-attributes"
  case attributesRequest = "attributes-request"
  case gatewayAttributesRequest = "gateway-attributes-request"
  case rpcClient = "rpc-client"
  case provision
  case metadataKeys = "metadata-keys"
  case metadataGet = "metadata-get"
  case metadataUpdate = "metadata-update"
  case metadataPatch = "metadata-patch"
  case metadataDelete = "metadata-delete"
  case pendingCommands = "pending-commands"
  case commandResult = "command-result"
  case config
  case otaConfig = "ota-config"
  case uploadToken = "upload-token"
  case snapshot
  case sendConfig = "send-config"
  case escrow
  case chunkServer = "chunk-server"
  case sharedAttributes = "shared-attributes"
  case configuration
  case otaConfiguration = "ota-configuration"
  case pendingCommand = "pending-command"
  case licenses
  case latestFirmware = "latest-firmware"
}
