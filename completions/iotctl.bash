#!/bin/bash

__iotctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__iotctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__iotctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__iotctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_iotctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    pub|sub|rr|telemetry|config|cmd|fw|op|simulate|dialects|topics|schema|emulate|context|doctor|help)
        # Offer subcommand argument completions
        "_iotctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'pub sub rr telemetry config cmd fw op simulate dialects topics schema emulate context doctor help' -- "${cur}"))
        ;;
    esac
}

_iotctl_pub() {
    repeating_flags=()
    non_repeating_flags=(-s --stdin-file -n --null-message -l --stdin-line -r --retain --payload-utf8 --dry-run -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--user-property -D)
    non_repeating_options=(-t --topic -m --message -f --file --line-format --from-line --max-line --empty-lines -q --qos --repeat --repeat-delay -M --max-inflight --ack-timeout --reconnect --content-type --correlation-data --message-expiry -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout --context)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-t'|'--topic')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-f'|'--file')
        __iotctl_add_completions -f
        return
        ;;
    '--line-format')
        __iotctl_add_completions -W 'payload'$'\n''tsv'$'\n''jsonl'
        return
        ;;
    '--from-line')
        return
        ;;
    '--max-line')
        return
        ;;
    '--empty-lines')
        __iotctl_add_completions -W 'skip'$'\n''send'
        return
        ;;
    '-q'|'--qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--repeat')
        return
        ;;
    '--repeat-delay')
        return
        ;;
    '-M'|'--max-inflight')
        return
        ;;
    '--ack-timeout')
        return
        ;;
    '--reconnect')
        return
        ;;
    '--user-property')
        return
        ;;
    '--content-type')
        return
        ;;
    '--correlation-data')
        return
        ;;
    '--message-expiry')
        return
        ;;
    '-D')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion pub -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_sub() {
    repeating_flags=()
    non_repeating_flags=(-R --no-retained -E --exit-after-subscribe -v --verbose-output -N --no-eol -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(-t --topic -T --filter-out)
    non_repeating_options=(-q --qos -C --count -W --timeout --reconnect --output -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout --context)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-t'|'--topic')
        return
        ;;
    '-T'|'--filter-out')
        return
        ;;
    '-q'|'--qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '-C'|'--count')
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--reconnect')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion sub -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_rr() {
    repeating_flags=()
    non_repeating_flags=(--no-validate -s --stdin-file -n --null-message -l --stdin-line --any-reply --latency -v --verbose-output -N --no-eol --payload-utf8 --dry-run -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file --user-property -D)
    non_repeating_options=(-t --topic -e --response-topic --dialect --dialect-file --context --op -m --message -f --file -q --qos -W --timeout --output --content-type --correlation-data --message-expiry -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-t'|'--topic')
        return
        ;;
    '-e'|'--response-topic')
        return
        ;;
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion rr -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion rr -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--op')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion rr -- --op "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-f'|'--file')
        __iotctl_add_completions -f
        return
        ;;
    '-q'|'--qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '--user-property')
        return
        ;;
    '--content-type')
        return
        ;;
    '--correlation-data')
        return
        ;;
    '--message-expiry')
        return
        ;;
    '-D')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_telemetry() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    send)
        # Offer subcommand argument completions
        "_iotctl_telemetry_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'send' -- "${cur}"))
        ;;
    esac
}

_iotctl_telemetry_send() {
    repeating_flags=()
    non_repeating_flags=(-s --stdin-file --lines --raw --now --ack --no-validate --dry-run -v --verbose-output -N --no-eol --payload-utf8 -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file --user-property -D)
    non_repeating_options=(-f --file --as --ts --status --on-invalid --every --count -M --max-inflight --dialect --dialect-file --context -W --timeout --output --content-type --correlation-data --message-expiry -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-f'|'--file')
        __iotctl_add_completions -f
        return
        ;;
    '--as')
        return
        ;;
    '--ts')
        return
        ;;
    '--status')
        return
        ;;
    '--on-invalid')
        __iotctl_add_completions -W 'abort'$'\n''skip'
        return
        ;;
    '--every')
        return
        ;;
    '--count')
        return
        ;;
    '-M'|'--max-inflight')
        return
        ;;
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion telemetry send -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion telemetry send -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '--user-property')
        return
        ;;
    '--content-type')
        return
        ;;
    '--correlation-data')
        return
        ;;
    '--message-expiry')
        return
        ;;
    '-D')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_config() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    get|ack)
        # Offer subcommand argument completions
        "_iotctl_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'get ack' -- "${cur}"))
        ;;
    esac
}

_iotctl_config_get() {
    repeating_flags=()
    non_repeating_flags=(--watch --no-validate --dry-run -v --verbose-output -N --no-eol -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--dialect --dialect-file --context -C --count -W --timeout --output -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion config get -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion config get -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-C'|'--count')
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_config_ack() {
    repeating_flags=()
    non_repeating_flags=(--no-validate --dry-run -v --verbose-output -N --no-eol --payload-utf8 -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file --user-property -D)
    non_repeating_options=(--dialect --dialect-file --context --config-id --config --failed -W --timeout --output --content-type --correlation-data --message-expiry -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion config ack -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion config ack -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--config-id')
        return
        ;;
    '--config')
        return
        ;;
    '--failed')
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '--user-property')
        return
        ;;
    '--content-type')
        return
        ;;
    '--correlation-data')
        return
        ;;
    '--message-expiry')
        return
        ;;
    '-D')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_cmd() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    watch)
        # Offer subcommand argument completions
        "_iotctl_cmd_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'watch' -- "${cur}"))
        ;;
    esac
}

_iotctl_cmd_watch() {
    repeating_flags=()
    non_repeating_flags=(-c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--dialect --dialect-file --context --exec --reply --handler-timeout -C --count -W --timeout --reconnect --output -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion cmd watch -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion cmd watch -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--exec')
        return
        ;;
    '--reply')
        return
        ;;
    '--handler-timeout')
        return
        ;;
    '-C'|'--count')
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--reconnect')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_fw() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    fetch)
        # Offer subcommand argument completions
        "_iotctl_fw_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'fetch' -- "${cur}"))
        ;;
    esac
}

_iotctl_fw_fetch() {
    repeating_flags=()
    non_repeating_flags=(--wait --resume --no-report --report-updated -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--dialect --dialect-file --context -o --output-file --chunk-size --window --chunk-timeout --max-size --reconnect --retries --title --version --size --checksum --algorithm --image-url --image-cafile --exec -W --timeout --output -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion fw fetch -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion fw fetch -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-o'|'--output-file')
        __iotctl_add_completions -f
        return
        ;;
    '--chunk-size')
        return
        ;;
    '--window')
        return
        ;;
    '--chunk-timeout')
        return
        ;;
    '--max-size')
        return
        ;;
    '--reconnect')
        return
        ;;
    '--retries')
        return
        ;;
    '--title')
        return
        ;;
    '--version')
        return
        ;;
    '--size')
        return
        ;;
    '--checksum')
        return
        ;;
    '--algorithm')
        return
        ;;
    '--image-url')
        return
        ;;
    '--image-cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--exec')
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'$'\n''json'
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_op() {
    repeating_flags=()
    non_repeating_flags=(-s --stdin-file --no-validate --dry-run -v --verbose-output -N --no-eol --payload-utf8 -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file --user-property -D)
    non_repeating_options=(--dialect --dialect-file --context -f --file --request-id -W --timeout --output --save-context --content-type --correlation-data --message-expiry -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion op -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion op -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-f'|'--file')
        __iotctl_add_completions -f
        return
        ;;
    '--request-id')
        return
        ;;
    '-W'|'--timeout')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''jsonl'
        return
        ;;
    '--save-context')
        return
        ;;
    '--user-property')
        return
        ;;
    '--content-type')
        return
        ;;
    '--correlation-data')
        return
        ;;
    '--message-expiry')
        return
        ;;
    '-D')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion op -- positional@0 "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_simulate() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|lint|report)
        # Offer subcommand argument completions
        "_iotctl_simulate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run lint report' -- "${cur}"))
        ;;
    esac
}

_iotctl_simulate_run() {
    repeating_flags=()
    non_repeating_flags=(--list-scenarios -c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--devices --scenario --id-template --devices-file --connect-rate --duration --stats --stats-interval --max-error-rate --shard --seed -q --drain --dialect --dialect-file --context -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--devices')
        return
        ;;
    '--scenario')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--id-template')
        return
        ;;
    '--devices-file')
        __iotctl_add_completions -f
        return
        ;;
    '--connect-rate')
        return
        ;;
    '--duration')
        return
        ;;
    '--stats')
        __iotctl_add_completions -f
        return
        ;;
    '--stats-interval')
        return
        ;;
    '--max-error-rate')
        return
        ;;
    '--shard')
        return
        ;;
    '--seed')
        return
        ;;
    '-q')
        return
        ;;
    '--drain')
        return
        ;;
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion simulate run -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion simulate run -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_simulate_lint() {
    repeating_flags=()
    non_repeating_flags=(--schema --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--dialect --dialect-file --context)
    __iotctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion simulate lint -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion simulate lint -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac
}

_iotctl_simulate_report() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=(--output)
    __iotctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __iotctl_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __iotctl_add_completions -o plusdirs -fX '!*.@(jsonl)'
        return
        ;;
    esac
}

_iotctl_dialects() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|lint)
        # Offer subcommand argument completions
        "_iotctl_dialects_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show lint' -- "${cur}"))
        ;;
    esac
}

_iotctl_dialects_list() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=(--output)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __iotctl_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_iotctl_dialects_show() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=(--dialect-file --output)
    __iotctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iotctl_add_completions -W 'thingsboard'$'\n''kaa'$'\n''edgeiq'$'\n''xyte'$'\n''mediumone'
        return
        ;;
    esac
}

_iotctl_dialects_lint() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options -1

    # Offer positional completions
    case "${positional_number}" in
    *)
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac
}

_iotctl_topics() {
    repeating_flags=()
    non_repeating_flags=(--show-secrets --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--dialect --dialect-file --context --op --request-id --output)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion topics -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion topics -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--op')
        return
        ;;
    '--request-id')
        return
        ;;
    '--output')
        __iotctl_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_iotctl_schema() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    validate)
        # Offer subcommand argument completions
        "_iotctl_schema_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'validate' -- "${cur}"))
        ;;
    esac
}

_iotctl_schema_validate() {
    repeating_flags=()
    non_repeating_flags=(--jsonl --assert-format --from-records -q --quiet-valid --version --help)
    repeating_options=()
    non_repeating_options=(--schema --draft --dialect --dialect-file --op --part)
    __iotctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--schema')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--draft')
        return
        ;;
    '--dialect')
        __iotctl_add_completions -W 'thingsboard'$'\n''kaa'$'\n''edgeiq'$'\n''xyte'$'\n''mediumone'
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--op')
        return
        ;;
    '--part')
        __iotctl_add_completions -W 'message'$'\n''response'$'\n''error'$'\n''reply'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __iotctl_add_completions -f
        return
        ;;
    esac
}

_iotctl_emulate() {
    repeating_flags=()
    non_repeating_flags=(-c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file --shared --rpc-reply --command --push)
    non_repeating_options=(--dialect --dialect-file --context --shared-file --provision --metadata --config --ota-config --ota-version --fw-file --fw-title --fw-version --fw-url --fw-checksum-algorithm --duration -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion emulate -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion emulate -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--shared')
        return
        ;;
    '--shared-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--rpc-reply')
        return
        ;;
    '--provision')
        return
        ;;
    '--metadata')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--config')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--ota-config')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--ota-version')
        return
        ;;
    '--command')
        return
        ;;
    '--fw-file')
        __iotctl_add_completions -f
        return
        ;;
    '--fw-title')
        return
        ;;
    '--fw-version')
        return
        ;;
    '--fw-url')
        return
        ;;
    '--fw-checksum-algorithm')
        return
        ;;
    '--push')
        return
        ;;
    '--duration')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_context() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|use|set|delete)
        # Offer subcommand argument completions
        "_iotctl_context_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show use set delete' -- "${cur}"))
        ;;
    esac
}

_iotctl_context_list() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=(--output)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __iotctl_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_iotctl_context_show() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=(--output)
    __iotctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __iotctl_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion context show -- positional@0 "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_context_use() {
    repeating_flags=()
    non_repeating_flags=(--none --version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion context use -- positional@0 "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_context_set() {
    repeating_flags=()
    non_repeating_flags=(--insecure --no-insecure --use --version --help)
    repeating_options=(--var --unset-var --unset)
    non_repeating_options=(--dialect --dialect-file --broker --cafile --capath --cert --key --tls-alpn --client-id --mqtt-version --username --password)
    __iotctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion context set -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--broker')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--client-id')
        return
        ;;
    '--mqtt-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '--username')
        return
        ;;
    '--password')
        return
        ;;
    '--var')
        return
        ;;
    '--unset-var')
        return
        ;;
    '--unset')
        __iotctl_add_completions -W 'dialect'$'\n''broker'$'\n''cafile'$'\n''capath'$'\n''cert'$'\n''key'$'\n''insecure'$'\n''alpn'$'\n''clientId'$'\n''mqttVersion'$'\n''username'$'\n''password'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion context set -- positional@0 "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_context_delete() {
    repeating_flags=()
    non_repeating_flags=(--version --help)
    repeating_options=()
    non_repeating_options=()
    __iotctl_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion context delete -- positional@0 "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_iotctl_doctor() {
    repeating_flags=()
    non_repeating_flags=(-c --disable-clean-session --password-prompt --insecure --tls-use-os-certs --no-tls --will-retain --nodelay --quiet -d --debug --verbose --version --help)
    repeating_options=(--var --var-file)
    non_repeating_options=(--op -W --dialect --dialect-file --context -h --host -p --port -L --url -V --protocol-version -i --id -I --id-prefix -k --keepalive -x --session-expiry -u --username -P --pw --password --password-file --password-env --cafile --capath --cert --key --tls-alpn --tls-version --ciphers --proxy --will-topic --will-payload --will-qos --connect-timeout)
    __iotctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--op')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion doctor -- --op "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-W')
        return
        ;;
    '--dialect')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion doctor -- --dialect "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '--dialect-file')
        __iotctl_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--var')
        return
        ;;
    '--var-file')
        __iotctl_add_completions -f
        return
        ;;
    '--context')
        __iotctl_add_completions -W "$(__iotctl_custom_complete ---completion doctor -- --context "${COMP_CWORD}" "$(__iotctl_cursor_index_in_current_word)")"
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-L'|'--url')
        return
        ;;
    '-V'|'--protocol-version')
        __iotctl_add_completions -W '5'$'\n''311'$'\n''31'
        return
        ;;
    '-i'|'--id')
        return
        ;;
    '-I'|'--id-prefix')
        return
        ;;
    '-k'|'--keepalive')
        return
        ;;
    '-x'|'--session-expiry')
        return
        ;;
    '-u'|'--username')
        return
        ;;
    '-P'|'--pw'|'--password')
        return
        ;;
    '--password-file')
        __iotctl_add_completions -f
        return
        ;;
    '--password-env')
        return
        ;;
    '--cafile')
        __iotctl_add_completions -f
        return
        ;;
    '--capath')
        __iotctl_add_completions -d
        return
        ;;
    '--cert')
        __iotctl_add_completions -f
        return
        ;;
    '--key')
        __iotctl_add_completions -f
        return
        ;;
    '--tls-alpn')
        return
        ;;
    '--tls-version')
        return
        ;;
    '--ciphers')
        return
        ;;
    '--proxy')
        return
        ;;
    '--will-topic')
        return
        ;;
    '--will-payload')
        return
        ;;
    '--will-qos')
        __iotctl_add_completions -W '0'$'\n''1'$'\n''2'
        return
        ;;
    '--connect-timeout')
        return
        ;;
    esac
}

_iotctl_help() {
    # From scripts/generate-docs: the command words, as at the top level.
    case "${#unparsed_words[@]}" in
    1) COMPREPLY+=($(compgen -W 'pub sub rr telemetry config cmd fw op simulate dialects topics schema emulate context doctor' -- "${cur}")) ;;
    2)
        case "${unparsed_words[0]}" in
        telemetry) COMPREPLY+=($(compgen -W 'send' -- "${cur}")) ;;
        config) COMPREPLY+=($(compgen -W 'get ack' -- "${cur}")) ;;
        cmd) COMPREPLY+=($(compgen -W 'watch' -- "${cur}")) ;;
        fw) COMPREPLY+=($(compgen -W 'fetch' -- "${cur}")) ;;
        simulate) COMPREPLY+=($(compgen -W 'run lint report' -- "${cur}")) ;;
        dialects) COMPREPLY+=($(compgen -W 'list show lint' -- "${cur}")) ;;
        schema) COMPREPLY+=($(compgen -W 'validate' -- "${cur}")) ;;
        context) COMPREPLY+=($(compgen -W 'list show use set delete' -- "${cur}")) ;;
        esac
        ;;
    esac
}

complete -o filenames -F _iotctl iotctl
