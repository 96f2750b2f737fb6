function __iotctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __iotctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __iotctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __iotctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __iotctl_parse_tokens -S
    set -l unparsed_tokens (__iotctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'iotctl'
        __iotctl_parse_subcommand 0 'version' 'help'
        switch $unparsed_tokens[1]
        case 'pub'
            __iotctl_parse_subcommand 0 't/topic=' 'm/message=' 'f/file=' 's/stdin-file' 'n/null-message' 'l/stdin-line' 'line-format=' 'empty-lines=' 'q/qos=' 'r/retain' 'repeat=' 'repeat-delay=' 'M/max-inflight=' 'ack-timeout=' 'reconnect=' 'user-property=+' 'content-type=' 'correlation-data=' 'message-expiry=' 'payload-utf8' 'D=+' 'dry-run' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
        case 'sub'
            __iotctl_parse_subcommand 0 't/topic=+' 'T/filter-out=+' 'q/qos=' 'C/count=' 'W/timeout=' 'R/no-retained' 'E/exit-after-subscribe' 'reconnect=' 'output=' 'v/verbose-output' 'N/no-eol' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
        case 'rr'
            __iotctl_parse_subcommand 0 't/topic=' 'e/response-topic=' 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'op=' 'no-validate' 'm/message=' 'f/file=' 's/stdin-file' 'n/null-message' 'l/stdin-line' 'q/qos=' 'W/timeout=' 'latency' 'output=' 'v/verbose-output' 'N/no-eol' 'user-property=+' 'content-type=' 'correlation-data=' 'message-expiry=' 'payload-utf8' 'D=+' 'dry-run' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
        case 'telemetry'
            __iotctl_parse_subcommand 0 'version' 'help'
            switch $unparsed_tokens[1]
            case 'send'
                __iotctl_parse_subcommand -r 1 'f/file=' 's/stdin-file' 'lines' 'as=' 'raw' 'ts=' 'now' 'status=' 'ack' 'on-invalid=' 'every=' 'count=' 'M/max-inflight=' 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'no-validate' 'W/timeout=' 'dry-run' 'output=' 'v/verbose-output' 'N/no-eol' 'user-property=+' 'content-type=' 'correlation-data=' 'message-expiry=' 'payload-utf8' 'D=+' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
            end
        case 'config'
            __iotctl_parse_subcommand 0 'version' 'help'
            switch $unparsed_tokens[1]
            case 'get'
                __iotctl_parse_subcommand 0 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'watch' 'C/count=' 'W/timeout=' 'no-validate' 'output=' 'v/verbose-output' 'N/no-eol' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
            case 'ack'
                __iotctl_parse_subcommand 0 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'config-id=' 'config=' 'failed=' 'no-validate' 'W/timeout=' 'dry-run' 'output=' 'v/verbose-output' 'N/no-eol' 'user-property=+' 'content-type=' 'correlation-data=' 'message-expiry=' 'payload-utf8' 'D=+' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
            end
        case 'cmd'
            __iotctl_parse_subcommand 0 'version' 'help'
            switch $unparsed_tokens[1]
            case 'watch'
                __iotctl_parse_subcommand 0 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'exec=' 'reply=' 'handler-timeout=' 'C/count=' 'W/timeout=' 'reconnect=' 'output=' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
            end
        case 'op'
            __iotctl_parse_subcommand 2 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'f/file=' 's/stdin-file' 'request-id=' 'no-validate' 'W/timeout=' 'dry-run' 'output=' 'v/verbose-output' 'N/no-eol' 'user-property=+' 'content-type=' 'correlation-data=' 'message-expiry=' 'payload-utf8' 'D=+' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
        case 'dialects'
            __iotctl_parse_subcommand 0 'version' 'help'
            switch $unparsed_tokens[1]
            case 'list'
                __iotctl_parse_subcommand 0 'output=' 'version' 'help'
            case 'show'
                __iotctl_parse_subcommand 1 'dialect-file=' 'output=' 'version' 'help'
            case 'lint'
                __iotctl_parse_subcommand -r 1 'version' 'help'
            end
        case 'topics'
            __iotctl_parse_subcommand 0 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'op=' 'request-id=' 'show-secrets' 'output=' 'version' 'help'
        case 'schema'
            __iotctl_parse_subcommand 0 'version' 'help'
            switch $unparsed_tokens[1]
            case 'validate'
                __iotctl_parse_subcommand -r 1 'schema=' 'draft=' 'dialect=' 'dialect-file=' 'op=' 'part=' 'jsonl' 'q/quiet-valid' 'version' 'help'
            end
        case 'emulate'
            __iotctl_parse_subcommand 0 'dialect=' 'dialect-file=' 'var=+' 'var-file=+' 'shared=+' 'shared-file=' 'rpc-reply=+' 'provision=' 'metadata=' 'config=' 'ota-config=' 'ota-version=' 'command=+' 'fw-file=' 'fw-title=' 'fw-version=' 'fw-checksum-algorithm=' 'push=+' 'duration=' 'h/host=' 'p/port=' 'L/url=' 'V/protocol-version=' 'i/id=' 'I/id-prefix=' 'k/keepalive=' 'c/disable-clean-session' 'x/session-expiry=' 'u/username=' 'P/pw=' 'password-file=' 'password-env=' 'password-prompt' 'cafile=' 'capath=' 'cert=' 'key=' 'insecure' 'tls-alpn=' 'tls-version=' 'ciphers=' 'tls-use-os-certs' 'no-tls' 'proxy=' 'will-topic=' 'will-payload=' 'will-qos=' 'will-retain' 'connect-timeout=' 'nodelay' 'quiet' 'd/debug' 'version' 'help'
        case 'help'
            __iotctl_parse_subcommand -r 1 'version'
        end
    end
end

function __iotctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __iotctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __iotctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __iotctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__iotctl_tokens -p)
    if test -z "$(__iotctl_tokens -t)"
        set -l index (count (__iotctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'iotctl' -f
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'pub' -d 'Publish messages; mosquitto_pub\'s flags, with delivery that is confirmed or reported.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'sub' -d 'Subscribe and print messages; mosquitto_sub\'s flags, with JSON Lines and bounded reconnects.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'rr' -d 'Request/response like mosquitto_rr, but only the reply that carries this request\'s correlation data counts.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'telemetry' -d 'Send telemetry shaped, validated and addressed for the dialect.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'config' -d 'Get, watch and acknowledge the device\'s configuration.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'cmd' -d 'Receive the platform\'s commands and answer them.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'op' -d 'Run any operation of a dialect by name, waiting for the platform\'s answer where it has one.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'dialects' -d 'List, show and check dialect profiles.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'topics' -d 'Print a dialect\'s topics, compiled with your variables.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'schema' -d 'Validate JSON against a JSON Schema (draft 4, 6 or 7) or a dialect operation\'s schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'emulate' -d 'Play a platform\'s cloud side on a broker: answer devices, push to them, log what they send.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" t topic' -s 't' -l 'topic' -d 'Topic to publish to.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" m message' -s 'm' -l 'message' -d 'Payload text.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" f file' -s 'f' -l 'file' -d 'Send this file\'s bytes as the payload.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" s stdin-file' -s 's' -l 'stdin-file' -d 'Send all of standard input as one payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" n null-message' -s 'n' -l 'null-message' -d 'Send a zero-length payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" l stdin-line' -s 'l' -l 'stdin-line' -d 'Send each line of standard input as a message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" line-format' -l 'line-format' -d 'With -l: payload, tsv or jsonl.' -rfka 'payload tsv jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" empty-lines' -l 'empty-lines' -d 'With -l: skip empty lines (noted on stderr) or send them as zero-length messages.' -rfka 'skip send'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" q qos' -s 'q' -l 'qos' -d 'Quality of service: 0, 1 or 2.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" r retain' -s 'r' -l 'retain' -d 'Ask the broker to retain the message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" repeat' -l 'repeat' -d 'Publish the message this many times.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" repeat-delay' -l 'repeat-delay' -d 'Seconds between repeats, after delivery.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" M max-inflight' -s 'M' -l 'max-inflight' -d 'Most messages awaiting acknowledgement at once.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" ack-timeout' -l 'ack-timeout' -d 'Seconds to wait for the last acknowledgements.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" reconnect' -l 'reconnect' -d 'After a lost connection: never, a number of attempts, or forever.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub"' -l 'user-property' -d 'MQTT 5 user property (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" content-type' -l 'content-type' -d 'MQTT 5 content type, e.g. application/json.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" correlation-data' -l 'correlation-data' -d 'MQTT 5 correlation data (text).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" message-expiry' -l 'message-expiry' -d 'MQTT 5 message expiry interval.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" payload-utf8' -l 'payload-utf8' -d 'Set the MQTT 5 payload format indicator to UTF-8.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub"' -s 'D' -d 'mosquitto-style property: CONNECT|PUBLISH NAME VALUE (user-property takes NAME KEY VALUE).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" dry-run' -l 'dry-run' -d 'Print what would be sent, and the mosquitto_pub equivalent, without connecting.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl pub" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub"' -s 't' -l 'topic' -d 'Topic filter to subscribe to (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub"' -s 'T' -l 'filter-out' -d 'Do not print topics matching this filter (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" q qos' -s 'q' -l 'qos' -d 'Subscription QoS: 0, 1 or 2.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" C count' -s 'C' -l 'count' -d 'Exit after printing this many messages.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" W timeout' -s 'W' -l 'timeout' -d 'Exit with status 27 after this many seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" R no-retained' -s 'R' -l 'no-retained' -d 'Do not print retained (stale) messages.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" E exit-after-subscribe' -s 'E' -l 'exit-after-subscribe' -d 'Exit once the subscription is acknowledged.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" reconnect' -l 'reconnect' -d 'After a lost connection: never, a number of attempts, or forever.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" output' -l 'output' -d 'text (payload per line) or jsonl (one JSON record per message).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" v verbose-output' -s 'v' -l 'verbose-output' -d 'Text output: print \'topic payload\'.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" N no-eol' -s 'N' -l 'no-eol' -d 'Text output: no newline after each payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl sub" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" t topic' -s 't' -l 'topic' -d 'Request topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" e response-topic' -s 'e' -l 'response-topic' -d 'Response topic to wait on.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" op' -l 'op' -d 'With --dialect: the operation to run.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" no-validate' -l 'no-validate' -d 'With --dialect: send even if the payload does not match the schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" m message' -s 'm' -l 'message' -d 'Payload text.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" f file' -s 'f' -l 'file' -d 'Send this file\'s bytes as the payload.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" s stdin-file' -s 's' -l 'stdin-file' -d 'Send all of standard input as one payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" n null-message' -s 'n' -l 'null-message' -d 'Send a zero-length payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" l stdin-line' -s 'l' -l 'stdin-line' -d 'Send one request per stdin line, each waiting for its reply.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" q qos' -s 'q' -l 'qos' -d 'QoS of the request and the subscription.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" W timeout' -s 'W' -l 'timeout' -d 'Seconds to wait for each reply (0 waits forever).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" latency' -l 'latency' -d 'Report the round-trip time (stderr, or latency_ms in JSON Lines).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" output' -l 'output' -d 'text (payload per line) or jsonl (one JSON record per message).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" v verbose-output' -s 'v' -l 'verbose-output' -d 'Text output: print \'topic payload\'.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" N no-eol' -s 'N' -l 'no-eol' -d 'Text output: no newline after each payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr"' -l 'user-property' -d 'MQTT 5 user property (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" content-type' -l 'content-type' -d 'MQTT 5 content type, e.g. application/json.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" correlation-data' -l 'correlation-data' -d 'MQTT 5 correlation data (text).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" message-expiry' -l 'message-expiry' -d 'MQTT 5 message expiry interval.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" payload-utf8' -l 'payload-utf8' -d 'Set the MQTT 5 payload format indicator to UTF-8.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr"' -s 'D' -d 'mosquitto-style property: CONNECT|PUBLISH NAME VALUE (user-property takes NAME KEY VALUE).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" dry-run' -l 'dry-run' -d 'Print the request that would be sent, and the mosquitto_rr equivalent, without connecting.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl rr" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl telemetry" -eq 1' -fa 'send' -d 'Send values as the dialect\'s telemetry: shaped, timestamped, validated, then published.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" f file' -s 'f' -l 'file' -d 'Read the values (a JSON object) from a file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" s stdin-file' -s 's' -l 'stdin-file' -d 'Read the values (a JSON object) from stdin.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" lines' -l 'lines' -d 'Send one message per stdin line (JSON Lines) over one connection.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" as' -l 'as' -d 'A telemetry kind of the dialect other than its first (edgeiq: heartbeat; thingsboard: attributes).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" raw' -l 'raw' -d 'Send the JSON as it is, without the dialect\'s wrapping (still validated).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" ts' -l 'ts' -d 'Timestamp: milliseconds since the epoch.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" now' -l 'now' -d 'Timestamp each message with the current time.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" status' -l 'status' -d 'Xyte: the device status sent with the values.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" ack' -l 'ack' -d 'Wait for the platform\'s confirmation where it has one (Kaa /status or /error).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" on-invalid' -l 'on-invalid' -d 'With --lines: abort at an invalid line, or skip it and send the rest.' -rfka 'abort skip'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" every' -l 'every' -d 'Repeat the send at this interval (500ms, 5s, 1m).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" count' -l 'count' -d 'With --every: how many sends (default: until stopped).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" M max-inflight' -s 'M' -l 'max-inflight' -d 'With --lines: most messages awaiting acknowledgement.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" no-validate' -l 'no-validate' -d 'Send even if the payload does not match the operation\'s schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" W timeout' -s 'W' -l 'timeout' -d 'Seconds to wait for an answer or acknowledgement.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" dry-run' -l 'dry-run' -d 'Print what would be sent, and the mosquitto equivalent, without connecting.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" output' -l 'output' -d 'text (payload per line) or jsonl (one JSON record per message).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" v verbose-output' -s 'v' -l 'verbose-output' -d 'Text output: print \'topic payload\'.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" N no-eol' -s 'N' -l 'no-eol' -d 'Text output: no newline after each payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send"' -l 'user-property' -d 'MQTT 5 user property (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" content-type' -l 'content-type' -d 'MQTT 5 content type, e.g. application/json.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" correlation-data' -l 'correlation-data' -d 'MQTT 5 correlation data (text).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" message-expiry' -l 'message-expiry' -d 'MQTT 5 message expiry interval.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" payload-utf8' -l 'payload-utf8' -d 'Set the MQTT 5 payload format indicator to UTF-8.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send"' -s 'D' -d 'mosquitto-style property: CONNECT|PUBLISH NAME VALUE (user-property takes NAME KEY VALUE).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl telemetry send" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl config" -eq 1' -fa 'get' -d 'Ask for the configuration and print it; --watch keeps printing changes.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl config" -eq 1' -fa 'ack' -d 'Report the configuration applied (or rejected) where the dialect has such a report.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" watch' -l 'watch' -d 'Keep printing configuration pushes.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" C count' -s 'C' -l 'count' -d 'With --watch: stop after this many configurations.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" W timeout' -s 'W' -l 'timeout' -d 'Seconds to wait for the configuration (default 10; with --watch, idle seconds before exit 27, default none).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" no-validate' -l 'no-validate' -d 'Send the request even if it does not match the operation\'s schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" output' -l 'output' -d 'text (payload per line) or jsonl (one JSON record per message).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" v verbose-output' -s 'v' -l 'verbose-output' -d 'Text output: print \'topic payload\'.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" N no-eol' -s 'N' -l 'no-eol' -d 'Text output: no newline after each payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config get" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" config-id' -l 'config-id' -d 'The configuration id applied.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" config' -l 'config' -d 'The configuration as applied (JSON), where the report carries it.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" failed' -l 'failed' -d 'Report the configuration as rejected, with this reason.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" no-validate' -l 'no-validate' -d 'Send even if the payload does not match the operation\'s schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" W timeout' -s 'W' -l 'timeout' -d 'Seconds to wait for an answer or acknowledgement.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" dry-run' -l 'dry-run' -d 'Print what would be sent, and the mosquitto equivalent, without connecting.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" output' -l 'output' -d 'text (payload per line) or jsonl (one JSON record per message).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" v verbose-output' -s 'v' -l 'verbose-output' -d 'Text output: print \'topic payload\'.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" N no-eol' -s 'N' -l 'no-eol' -d 'Text output: no newline after each payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack"' -l 'user-property' -d 'MQTT 5 user property (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" content-type' -l 'content-type' -d 'MQTT 5 content type, e.g. application/json.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" correlation-data' -l 'correlation-data' -d 'MQTT 5 correlation data (text).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" message-expiry' -l 'message-expiry' -d 'MQTT 5 message expiry interval.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" payload-utf8' -l 'payload-utf8' -d 'Set the MQTT 5 payload format indicator to UTF-8.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack"' -s 'D' -d 'mosquitto-style property: CONNECT|PUBLISH NAME VALUE (user-property takes NAME KEY VALUE).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl config ack" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl cmd" -eq 1' -fa 'watch' -d 'Subscribe to the dialect\'s command topics, print each command, and optionally answer it.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" exec' -l 'exec' -d 'Run this shell command per command; its result is the reply.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" reply' -l 'reply' -d 'Answer every command with this result (JSON or text).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" handler-timeout' -l 'handler-timeout' -d 'Seconds a handler may run before it is killed.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" C count' -s 'C' -l 'count' -d 'Stop after this many commands.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" W timeout' -s 'W' -l 'timeout' -d 'Stop after this many seconds without a command (exit 27).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" reconnect' -l 'reconnect' -d 'After a lost connection: never, a number of attempts, or forever.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" output' -l 'output' -d 'text (NAME ID COMMAND per line) or jsonl (one record per command).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl cmd watch" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" f file' -s 'f' -l 'file' -d 'Send this file as the payload.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" s stdin-file' -s 's' -l 'stdin-file' -d 'Send all of standard input as the payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" request-id' -l 'request-id' -d 'Use this request id instead of a fresh one.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" no-validate' -l 'no-validate' -d 'Send the payload even if it does not match the operation\'s schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" W timeout' -s 'W' -l 'timeout' -d 'Seconds to wait for the answer (0 waits forever).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" dry-run' -l 'dry-run' -d 'Print what would be sent, and the mosquitto equivalent, without connecting.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" output' -l 'output' -d 'text (payload per line) or jsonl (one JSON record per message).' -rfka 'text jsonl'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" v verbose-output' -s 'v' -l 'verbose-output' -d 'Text output: print \'topic payload\'.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" N no-eol' -s 'N' -l 'no-eol' -d 'Text output: no newline after each payload.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op"' -l 'user-property' -d 'MQTT 5 user property (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" content-type' -l 'content-type' -d 'MQTT 5 content type, e.g. application/json.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" correlation-data' -l 'correlation-data' -d 'MQTT 5 correlation data (text).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" message-expiry' -l 'message-expiry' -d 'MQTT 5 message expiry interval.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" payload-utf8' -l 'payload-utf8' -d 'Set the MQTT 5 payload format indicator to UTF-8.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op"' -s 'D' -d 'mosquitto-style property: CONNECT|PUBLISH NAME VALUE (user-property takes NAME KEY VALUE).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl op" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl dialects" -eq 1' -fa 'list' -d 'List the built-in and user dialects.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl dialects" -eq 1' -fa 'show' -d 'Show a dialect: connection, variables, and its operations with topics, pattern and confidence.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl dialects" -eq 1' -fa 'lint' -d 'Check profile files: JSON syntax, the profile format, templates and schemas.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects list" output' -l 'output' -d 'text (a table for people) or json (for scripts).' -rfka 'text json'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects list" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects list" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl dialects show" -eq 1' -fka 'thingsboard kaa edgeiq xyte mediumone'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects show" dialect-file' -l 'dialect-file' -d 'Show this profile file instead.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects show" output' -l 'output' -d 'text (a table for people) or json (for scripts).' -rfka 'text json'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects show" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects show" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl dialects lint" -ge 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects lint" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl dialects lint" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" op' -l 'op' -d 'Only this operation.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" request-id' -l 'request-id' -d 'Use this request id instead of a fresh one.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" show-secrets' -l 'show-secrets' -d 'Print secret variables (an endpoint token in a topic, say) instead of ****.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" output' -l 'output' -d 'text (a table for people) or json (for scripts).' -rfka 'text json'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl topics" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl schema" -eq 1' -fa 'validate' -d 'Validate instances against a schema file or a dialect operation\'s schema.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" schema' -l 'schema' -d 'A JSON Schema file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" draft' -l 'draft' -d 'Read the schema as draft 4, 6 or 7, whatever its $schema says.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" dialect' -l 'dialect' -d 'Use a dialect operation\'s schema (with --op).' -rfka 'thingsboard kaa edgeiq xyte mediumone'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" dialect-file' -l 'dialect-file' -d 'Use an operation\'s schema from this profile file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" op' -l 'op' -d 'The operation whose schema applies.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" part' -l 'part' -d 'Which message of the operation: message, response, error or reply.' -rfka 'message response error reply'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" jsonl' -l 'jsonl' -d 'Read every input as JSON Lines, even a single line.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" q quiet-valid' -s 'q' -l 'quiet-valid' -d 'Print nothing for valid instances.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_positional "iotctl schema validate" -ge 1' -F
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl schema validate" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" dialect' -l 'dialect' -d 'A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" dialect-file' -l 'dialect-file' -d 'A dialect profile file (JSON).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate"' -l 'var' -d 'A dialect variable (repeatable); see \'iotctl dialects show NAME\'.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate"' -l 'var-file' -d 'A variable read from the first line of a file, for secrets (repeatable).' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate"' -l 'shared' -d 'A ThingsBoard shared attribute; the value is JSON or text (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" shared-file' -l 'shared-file' -d 'ThingsBoard shared attributes from a JSON object file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate"' -l 'rpc-reply' -d 'The reply to a client-side RPC method (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" provision' -l 'provision' -d 'The provisioning outcome: SUCCESS, NOT_FOUND or FAILURE.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" metadata' -l 'metadata' -d 'Kaa endpoint metadata from a JSON object file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" config' -l 'config' -d 'The configuration served (Kaa cmx, Xyte), a JSON file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" ota-config' -l 'ota-config' -d 'Kaa\'s software specification for OTA requests, a JSON file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" ota-version' -l 'ota-version' -d 'The version Kaa OTA answers carry as configId.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate"' -l 'command' -d 'A pending Kaa command (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" fw-file' -l 'fw-file' -d 'ThingsBoard: the firmware image to serve over v2/fw chunks.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" fw-title' -l 'fw-title' -d 'ThingsBoard: the firmware title (default: the file\'s name).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" fw-version' -l 'fw-version' -d 'ThingsBoard: the firmware version.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" fw-checksum-algorithm' -l 'fw-checksum-algorithm' -d 'ThingsBoard: MD5, SHA256, SHA384, SHA512, CRC32, MURMUR3_32 or MURMUR3_128.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate"' -l 'push' -d 'Push a cloud-to-device operation once ready (repeatable).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" duration' -l 'duration' -d 'Stop after this many seconds (0: run until stopped).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" h host' -s 'h' -l 'host' -d 'Broker host (default: localhost).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" p port' -s 'p' -l 'port' -d 'Broker port (default: 1883, or 8883 with TLS).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" L url' -s 'L' -l 'url' -d 'Broker as a URL: mqtt[s]://[user@]host[:port]/topic.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" V protocol-version' -s 'V' -l 'protocol-version' -d 'MQTT version: 5, 311 or 31.' -rfka '5 311 31'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" i id' -s 'i' -l 'id' -d 'Client id (default: iotctl-PID-RANDOM).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" I id-prefix' -s 'I' -l 'id-prefix' -d 'Client id prefix; the PID is appended.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" k keepalive' -s 'k' -l 'keepalive' -d 'Keepalive in seconds.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" c disable-clean-session' -s 'c' -l 'disable-clean-session' -d 'Keep the session after disconnect (needs -i).'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" session-expiry x' -s 'x' -l 'session-expiry' -d 'MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" u username' -s 'u' -l 'username' -d 'User name.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" P password pw' -s 'P' -l 'pw' -l 'password' -d 'Password (visible to other processes; prefer --password-file or --password-env).' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" password-file' -l 'password-file' -d 'Read the password from the first line of this file.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" password-env' -l 'password-env' -d 'Read the password from this environment variable.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" password-prompt' -l 'password-prompt' -d 'Ask for the password on the terminal.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" cafile' -l 'cafile' -d 'Trusted CA certificates (PEM); turns TLS on.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" capath' -l 'capath' -d 'Directory of trusted CA certificates; turns TLS on.' -rfa '(__iotctl_complete_directories)'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" cert' -l 'cert' -d 'Client certificate (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" key' -l 'key' -d 'Client private key (PEM) for mutual TLS.' -rF
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" insecure' -l 'insecure' -d 'Do not verify the server certificate or host name.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" tls-alpn' -l 'tls-alpn' -d 'ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" tls-version' -l 'tls-version' -d 'Minimum TLS version: tlsv1.2 or tlsv1.3.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" ciphers' -l 'ciphers' -d 'OpenSSL cipher list.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" tls-use-os-certs' -l 'tls-use-os-certs' -d 'Trust the OS certificate store; turns TLS on.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" no-tls' -l 'no-tls' -d 'Never use TLS, even on port 8883.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" proxy' -l 'proxy' -d 'SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" will-topic' -l 'will-topic' -d 'Topic of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" will-payload' -l 'will-payload' -d 'Payload of the last-will message.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" will-qos' -l 'will-qos' -d 'QoS of the last-will message.' -rfka '0 1 2'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" will-retain' -l 'will-retain' -d 'Retain the last-will message.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" connect-timeout' -l 'connect-timeout' -d 'Seconds to wait for the broker\'s CONNACK.' -rfka ''
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" nodelay' -l 'nodelay' -d 'Disable Nagle\'s algorithm.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" quiet' -l 'quiet' -d 'Hide runtime error messages; the exit status still tells.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" d debug verbose' -s 'd' -l 'debug' -l 'verbose' -d 'Print connection and packet events to stderr.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" version' -l 'version' -d 'Show the version.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl emulate" help' -l 'help' -d 'Show help information.'
complete -c 'iotctl' -n '__iotctl_should_offer_completions_for_flags_or_options "iotctl help" version' -l 'version' -d 'Show the version.'
