# zsh -f zsh-check.zsh MANDIR CHOKEPOINT, from the repository root (see zsh-check).
dir=$1 bin=$2
fpath=($dir $fpath)
autoload -Uz compinit && compinit -u -D || { print "compinit failed"; exit 1 }
print -r -- $_comps[chokepoint]
autoload +X _chokepoint || { print "_chokepoint does not load"; exit 1 }

# What the completion system would offer: compadd's and _describe's words that start with
# $PREFIX, as the real ones match them; _files by its arguments.
typeset -ga got
compadd() {
    while (( $# )) && [[ $1 != -- ]]; do shift; done
    (( $# )) && shift
    local w
    for w; do [[ $w == ${PREFIX}* ]] && got+=($w); done
}
_describe() {
    local w
    for w in ${(P)2}; do w=${w%%:*}; [[ $w == ${PREFIX}* ]] && got+=($w); done
}
_files() { got+=("_files${*:+ $*}"); }
try() {
    local -a words
    words=("$@")
    local CURRENT=$# PREFIX=${@[-1]}
    got=()
    _chokepoint
    print -r -- "${(j: :)got}"
}
# as bash's, in man-check
try chokepoint conv
try chokepoint analyze --form
try chokepoint analyze --format ''
try chokepoint convert --input-f
try chokepoint str
try chokepoint scenario --dur
try chokepoint compare --view ''
try chokepoint render --view ''
try $bin analyze networks/small/diamond.json --end-user ''
try $bin render --chart origin -o x.svg networks/rare-earths-japan.json --end-user jp_v
try $bin report --plan networks/small/diamond.json --end-user ''
try chokepoint analyze --input-format ''
# and more
try chokepoint ren
try chokepoint analyze --fo
try chokepoint render --form
try chokepoint --ver
try chokepoint he
try chokepoint analyze ne
try chokepoint render -o ''
try $bin render networks/small/magnet-bom.json --focus ''
try chokepoint render --chart ''

# For real: an interactive zsh on a pseudo-terminal, a line typed with a tab, then ^X^P,
# bound to a widget that prints the line as completed between << and >> (the terminal shows
# it with escapes); at most 20 s a line on a loaded machine.
zmodload zsh/zpty || { print "no zsh/zpty"; exit 1 }
expect() {
    local chunk out= i
    for (( i = 0; i < 200; i++ )); do
        while zpty -rt z chunk; do out+=$chunk; done
        [[ $out == *$1* ]] && { print -r -- "pty: $1"; return 0 }
        sleep 0.1
    done
    print -r -- "pty: no '$1' in: ${(q+)out}"
    return 1
}
zpty z zsh -f -i
zpty -w z "fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D; PATH=${bin:A:h}:\$PATH"
zpty -w z 'show() { BUFFER="print -r -- ${(qq):-<<$BUFFER>>}"; zle .accept-line }'
zpty -w z 'zle -N show; bindkey "^X^P" show; print READY'
expect $'\nREADY' >/dev/null
zpty -w -n z $'chokepoint ren\t\C-x\C-p'
expect '<<chokepoint render >>'
zpty -w -n z $'chokepoint analyze networks/small/diamond.json --end-user \t\C-x\C-p'
expect '<<chokepoint analyze networks/small/diamond.json --end-user e >>'
zpty -d z
