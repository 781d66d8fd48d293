/*
 * chokepoint-mangen: the man pages and completion scripts, made at build time
 * from the command table and its usage texts (commands.c) and from
 * docs/format.md, so that they cannot drift from the command.
 *
 *   chokepoint-mangen OUTDIR FORMAT.md VERSION
 *
 * writes OUTDIR/chokepoint.1, chokepoint-COMMAND.1 per command,
 * chokepoint-network.5, chokepoint.bash and _chokepoint (zsh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *version = "";

/* Text escaped for roff: backslashes, and a leading dot or quote. */
static void text(FILE *f, const char *s, size_t n)
{
    if (n && (s[0] == '.' || s[0] == '\''))
        fputs("\\&", f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\')
            fputs("\\e", f);
        else if (s[i] == '-')
            fputs("\\-", f);
        else
            fputc(s[i], f);
    }
}

static void line(FILE *f, const char *s, size_t n)
{
    text(f, s, n);
    fputc('\n', f);
}

static size_t indent(const char *s)
{
    return strspn(s, " ");
}

/* The lines of `s` as [start, end) pairs into `lines`; returns the count. */
static int split_lines(const char *s, const char **starts, size_t *lens, int max)
{
    int n = 0;
    while (*s && n < max) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        starts[n] = s;
        lens[n++] = len;
        s += len + (nl ? 1 : 0);
    }
    return n;
}

#define MAX_LINES 256

/* DIR/NAME opened for writing; the generator stops on failure (a build step). */
static FILE *open_out(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

/* The options: "  -o, --output FILE    text" with continuation lines below. */
static int options(FILE *f, const char **l, const size_t *len, int i, int n)
{
    fputs(".SH OPTIONS\n", f);
    for (i++; i < n && len[i]; i++) {
        const char *s = l[i] + indent(l[i]);
        size_t rest = len[i] - (size_t)(s - l[i]);
        const char *gap = strstr(s, "  ");
        size_t tag = gap && gap < s + rest ? (size_t)(gap - s) : rest;
        if (tag > 23 && s[22] == ' ') /* a long tag met its text at column 25 */
            tag = 22;
        if (indent(l[i]) != 2 || s[0] != '-') { /* continuation */
            size_t col = indent(l[i]);
            if (col > 25)
                fputs(".br\n\\ \\ ", f);
            line(f, l[i] + col, len[i] - col);
            continue;
        }
        fputs(".TP\n.B ", f);
        line(f, s, tag);
        const char *d = s + tag;
        d += strspn(d, " ");
        if (d < s + rest)
            line(f, d, rest - (size_t)(d - s));
    }
    return i;
}

static void command_page(const char *dir, const ckp_command *c)
{
    char name[64];
    snprintf(name, sizeof name, "chokepoint-%s.1", c->name);
    FILE *f = open_out(dir, name);
    const char *l[MAX_LINES];
    size_t len[MAX_LINES];
    int n = split_lines(c->usage, l, len, MAX_LINES), i = 0;
    char upper[32];
    snprintf(upper, sizeof upper, "%s", c->name);
    for (char *p = upper; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    fprintf(f, ".TH CHOKEPOINT\\-%s 1 \"\" \"chokepoint %s\" \"chokepoint manual\"\n", upper,
            version);
    fprintf(f, ".SH NAME\nchokepoint\\-%s \\- ", c->name);
    line(f, c->summary, strlen(c->summary));
    fputs(".SH SYNOPSIS\n.nf\n", f);
    for (; i < n && len[i]; i++) {
        const char *s = l[i] + indent(l[i]);
        if (!strncmp(s, "usage: ", 7))
            s += 7;
        line(f, s, len[i] - (size_t)(s - l[i]));
    }
    fputs(".fi\n.SH DESCRIPTION\n", f);
    for (; i < n; i++) {
        if (!len[i]) {
            fputs(".PP\n", f);
            continue;
        }
        if (!strncmp(l[i], "options:", 8)) {
            i = options(f, l, len, i, n) - 1;
            continue;
        }
        if (!strncmp(l[i], "exit codes:", 11)) {
            fputs(".SH EXIT STATUS\n", f);
            line(f, l[i] + 12, len[i] - 12);
            continue;
        }
        if (indent(l[i]) >= 2) { /* a list the text lays out: kept as it is */
            fputs(".nf\n", f);
            for (; i < n && len[i] && indent(l[i]) >= 2; i++)
                line(f, l[i], len[i]);
            fputs(".fi\n", f);
            i--;
            continue;
        }
        line(f, l[i], len[i]);
    }
    fputs(".SH SEE ALSO\n.BR chokepoint (1),\n.BR chokepoint\\-network (5)\n", f);
    fclose(f);
}

static void main_page(const char *dir)
{
    FILE *f = open_out(dir, "chokepoint.1");
    fprintf(f, ".TH CHOKEPOINT 1 \"\" \"chokepoint %s\" \"chokepoint manual\"\n", version);
    fputs(".SH NAME\nchokepoint \\- where a supply chain can break\n.SH SYNOPSIS\n.nf\n"
          "chokepoint COMMAND [OPTIONS] NETWORK\nchokepoint \\-\\-version [\\-\\-verbose]\n"
          ".fi\n.SH DESCRIPTION\n",
          f);
    const char *l[MAX_LINES];
    size_t len[MAX_LINES];
    int n = split_lines(ckp_cli_help_head, l, len, MAX_LINES);
    for (int i = 3; i < n && strncmp(l[i], "commands:", 9); i++) /* after the usage */
        if (len[i])
            line(f, l[i], len[i]);
    fputs(".SH COMMANDS\n", f);
    for (size_t c = 0; c < ckp_cli_command_count; c++) {
        fprintf(f, ".TP\n.BR chokepoint\\-%s (1)\n", ckp_cli_commands[c].name);
        line(f, ckp_cli_commands[c].summary, strlen(ckp_cli_commands[c].summary));
    }
    n = split_lines(ckp_cli_help_tail, l, len, MAX_LINES);
    fputs(".SH NOTES\n", f);
    for (int i = 0; i < n; i++) {
        if (!strncmp(l[i], "exit codes:", 11)) {
            fputs(".SH EXIT STATUS\n", f);
            line(f, l[i] + 12, len[i] - 12);
        } else if (len[i]) {
            line(f, l[i], len[i]);
        } else if (i) {
            fputs(".PP\n", f);
        }
    }
    fputs(".SH SEE ALSO\n", f);
    for (size_t c = 0; c < ckp_cli_command_count; c++)
        fprintf(f, ".BR chokepoint\\-%s (1),\n", ckp_cli_commands[c].name);
    fputs(".BR chokepoint\\-network (5)\n", f);
    fclose(f);
}

/* Inline markdown: `code` bold, [text](link) as its text, **x** bold. */
static void md_inline(FILE *f, const char *s, size_t n)
{
    size_t i = 0;
    if (n && (s[0] == '.' || s[0] == '\''))
        fputs("\\&", f);
    while (i < n) {
        if (s[i] == '`') {
            const char *end = memchr(s + i + 1, '`', n - i - 1);
            if (end) {
                fputs("\\fB", f);
                text(f, s + i + 1, (size_t)(end - s - i - 1));
                fputs("\\fR", f);
                i = (size_t)(end - s) + 1;
                continue;
            }
        }
        if (s[i] == '[') {
            const char *close = memchr(s + i, ']', n - i);
            if (close && close + 1 < s + n && close[1] == '(') {
                const char *paren = memchr(close, ')', (size_t)(s + n - close));
                if (paren) {
                    md_inline(f, s + i + 1, (size_t)(close - s - i - 1));
                    i = (size_t)(paren - s) + 1;
                    continue;
                }
            }
        }
        if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
            i += 2;
            continue;
        }
        text(f, s + i, 1);
        i++;
    }
}

/* A table row "| a | b | c |": the first cell as the tag, the others after it. */
static void md_row(FILE *f, const char *s, size_t n)
{
    const char *end = s + n;
    int cell = 0;
    for (const char *p = s + 1; p < end; cell++) {
        const char *bar = p;
        while (bar < end && !(*bar == '|' && bar[-1] != '\\'))
            bar++;
        const char *a = p, *b = bar;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        if (cell == 0)
            fputs(".TP\n", f);
        else if (a < b)
            fputs(cell > 1 ? " \\(em " : "", f);
        if (a < b)
            md_inline(f, a, (size_t)(b - a));
        fputs(cell == 0 ? "\n" : "", f);
        p = bar + 1;
    }
    fputc('\n', f);
}

static void network_page(const char *dir, const char *md_path)
{
    FILE *in = fopen(md_path, "r");
    if (!in) {
        perror(md_path);
        exit(1);
    }
    FILE *f = open_out(dir, "chokepoint-network.5");
    fprintf(f, ".TH CHOKEPOINT\\-NETWORK 5 \"\" \"chokepoint %s\" \"chokepoint manual\"\n"
               ".SH NAME\nchokepoint\\-network \\- the chokepoint network format: JSON, CSV, "
               "GraphML\n",
            version);
    char buf[4096];
    int code = 0, first = 1;
    while (fgets(buf, sizeof buf, in)) {
        size_t n = strcspn(buf, "\n");
        buf[n] = '\0';
        if (!strncmp(buf, "```", 3)) {
            fputs(code ? ".fi\n.RE\n" : ".RS 2\n.nf\n", f);
            code = !code;
        } else if (code) {
            line(f, buf, n);
        } else if (buf[0] == '#') {
            size_t h = strspn(buf, "#");
            const char *t = buf + h + strspn(buf + h, " ");
            if (h == 1) {
                fputs(".SH DESCRIPTION\n", f);
                first = 0;
                continue;
            }
            fputs(h == 2 ? ".SH \"" : ".SS \"", f);
            for (const char *p = t; *p; p++)
                if (*p != '`' && *p != '"')
                    text(f, h == 2 && *p >= 'a' && *p <= 'z' ? (char[1]){(char)(*p - 32)} : p,
                         1);
            fputs("\"\n", f);
        } else if (buf[0] == '|') {
            if (strspn(buf, "|-: ") != n) /* not the rule under the header */
                md_row(f, buf, n);
        } else if (!strncmp(buf, "- ", 2)) {
            fputs(".IP \\(bu 2\n", f);
            md_inline(f, buf + 2, n - 2);
            fputc('\n', f);
        } else if (!n) {
            fputs(first ? "" : ".PP\n", f);
        } else {
            md_inline(f, buf + indent(buf), n - indent(buf));
            fputc('\n', f);
        }
    }
    fputs(".SH SEE ALSO\n.BR chokepoint (1),\n.BR chokepoint\\-convert (1)\n", f);
    fclose(in);
    fclose(f);
}

/* Every "--name" in a command's option tags, and the network options, each once. */
static void command_options(char *out, size_t size, const ckp_command *c)
{
    static const struct option net[] = {CKP_CLI_NETOPTS, {NULL, 0, NULL, 0}};
    size_t used = (size_t)snprintf(out, size, " --help --quiet --progress "); /* " --x " */
    for (const char *p = c->usage; (p = strstr(p, "\n  -")) != NULL;) {
        p += 3;
        const char *end = strstr(p, "  ");
        const char *nl = strchr(p, '\n');
        if (!end || (nl && nl < end))
            end = nl ? nl : p + strlen(p);
        for (const char *q = p; q < end; q++)
            if (q[0] == '-' && (q == p || q[-1] == ' ') && q[1] == '-' && q[2] != '.') {
                size_t k = strspn(q, "-abcdefghijklmnopqrstuvwxyz");
                char opt[64];
                snprintf(opt, sizeof opt, " %.*s ", (int)k, q);
                if (!strstr(out, opt) && used + k + 2 < size)
                    used += (size_t)snprintf(out + used, size - used, "%.*s ", (int)k, q);
                q += k - 1;
            }
    }
    for (int i = 0; net[i].name; i++)
        if (used + strlen(net[i].name) + 4 < size && !strstr(out, net[i].name))
            used += (size_t)snprintf(out + used, size - used, "--%s ", net[i].name);
}

/* The values of "--format a|b|c" in a command's usage, space-separated. */
static void format_values(char *out, size_t size, const ckp_command *c)
{
    const char *p = strstr(c->usage, "--format ");
    size_t k = p ? strspn(p + 9, "abcdefghijklmnopqrstuvwxyz|") : 0;
    snprintf(out, size, "%.*s", (int)k, p ? p + 9 : "");
    for (char *q = out; *q; q++)
        if (*q == '|')
            *q = ' ';
}

/* One line per command, `fmt` taking its name, its options and its --format values. */
static void per_command(FILE *f, const char *fmt)
{
    char opts[2048], formats[256];
    for (size_t c = 0; c < ckp_cli_command_count; c++) {
        command_options(opts, sizeof opts, &ckp_cli_commands[c]);
        format_values(formats, sizeof formats, &ckp_cli_commands[c]);
        fprintf(f, fmt, ckp_cli_commands[c].name, opts, formats);
    }
}

static void bash_completion(const char *dir)
{
    FILE *f = open_out(dir, "chokepoint.bash");
    fputs("# bash completion for chokepoint, made from its command table at build time.\n"
          "_chokepoint_network() { # the network's files on the line, for end-user ids\n"
          "    local i\n"
          "    for ((i = 2; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i-1]} in -o | --output | --plan | --scenario | --meta) ;;\n"
          "        *) case ${COMP_WORDS[i]} in *.json | *.csv | *.graphml | *.gexf)\n"
          "            printf '%s\\n' \"${COMP_WORDS[i]}\" ;; esac ;;\n"
          "        esac\n"
          "    done\n"
          "}\n"
          "_chokepoint() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    local opts formats\n"
          "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
          "        COMPREPLY=($(compgen -W \"",
          f);
    for (size_t c = 0; c < ckp_cli_command_count; c++)
        fprintf(f, "%s ", ckp_cli_commands[c].name);
    fputs("help --help --version\" -- \"$cur\"))\n"
          "        return\n"
          "    fi\n"
          "    case ${COMP_WORDS[1]} in\n",
          f);
    per_command(f, "    %s) opts=\"%s\" formats=\"%s\" ;;\n");
    fputs("    *) return ;;\n"
          "    esac\n"
          "    case $prev in\n"
          "    --format) COMPREPLY=($(compgen -W \"$formats\" -- \"$cur\")); return ;;\n"
          "    --input-format) COMPREPLY=($(compgen -W \"json csv graphml gexf\" -- \"$cur\"))\n"
          "        return ;;\n"
          "    --end-user | --focus) local IFS=$'\\n' net\n"
          "        net=($(_chokepoint_network))\n"
          "        COMPREPLY=($(compgen -W \"$(\"${COMP_WORDS[0]}\" __complete \"${net[@]}\" \\\n"
          "            2>/dev/null)\" -- \"$cur\")); return ;;\n"
          "    --chart) COMPREPLY=($(compgen -W \"concentration origin comparison views\" \\\n"
          "        -- \"$cur\")); return ;;\n"
          "    --view) local views=\"tiers countries\"\n"
          "        [ \"${COMP_WORDS[1]}\" = compare ] && views=\"immediate rerouted reallocated\"\n"
          "        COMPREPLY=($(compgen -W \"$views\" -- \"$cur\")); return ;;\n"
          "    --color) COMPREPLY=($(compgen -W \"country risk\" -- \"$cur\")); return ;;\n"
          "    -o | --output | --plan | --scenario | --meta)\n"
          "        COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
          "    esac\n"
          "    if [[ $cur == -* ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
          "    else\n"
          "        COMPREPLY=($(compgen -f \\\n"
          "            -X '!*.@(json|csv|graphml|gexf|JSON|CSV|GRAPHML|GEXF)' \\\n"
          "            -- \"$cur\")\n"
          "            $(compgen -d -- \"$cur\"))\n"
          "    fi\n"
          "}\n"
          "complete -F _chokepoint chokepoint\n",
          f);
    fclose(f);
}

static void zsh_completion(const char *dir)
{
    FILE *f = open_out(dir, "_chokepoint");
    fputs("#compdef chokepoint\n"
          "# zsh completion for chokepoint, made from its command table at build time.\n"
          "local -a commands opts formats\n"
          "commands=(\n",
          f);
    for (size_t c = 0; c < ckp_cli_command_count; c++) { /* a quote in a summary: '\'' */
        fprintf(f, "    '%s:", ckp_cli_commands[c].name);
        for (const char *q = ckp_cli_commands[c].summary; *q; q++)
            *q == '\'' ? fputs("'\\''", f) : fputc(*q, f);
        fputs("'\n", f);
    }
    fputs(")\n"
          "if (( CURRENT == 2 )); then\n"
          "    _describe 'command' commands\n"
          "    compadd -- help --help --version\n"
          "    return\n"
          "fi\n"
          "case $words[2] in\n",
          f);
    per_command(f, "%s) opts=(%s); formats=(%s) ;;\n");
    fputs("*) return 1 ;;\n"
          "esac\n"
          "case $words[CURRENT-1] in\n"
          "--format) compadd -- $formats; return ;;\n"
          "--input-format) compadd -- json csv graphml gexf; return ;;\n"
          "--end-user|--focus) local -a net; local i\n"
          "    for (( i = 3; i < CURRENT; i++ )); do\n"
          "        [[ $words[i-1] == (-o|--output|--plan|--scenario|--meta) ]] && continue\n"
          "        [[ $words[i] == *.(json|csv|graphml|gexf) ]] && net+=($words[i])\n"
          "    done\n"
          "    compadd -- ${(f)\"$($words[1] __complete $net 2>/dev/null)\"}; return ;;\n"
          "--chart) compadd -- concentration origin comparison views; return ;;\n"
          "--view) if [[ $words[2] == compare ]]; then\n"
          "    compadd -- immediate rerouted reallocated\n"
          "else\n"
          "    compadd -- tiers countries\n"
          "fi\n"
          "return ;;\n"
          "--color) compadd -- country risk; return ;;\n"
          "-o|--output|--plan|--scenario|--meta) _files; return ;;\n"
          "esac\n"
          "if [[ $PREFIX == -* ]]; then\n"
          "    compadd -- $opts\n"
          "else\n"
          "    _files -g '*.(json|csv|graphml|gexf)(-.)'\n"
          "fi\n",
          f);
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: chokepoint-mangen OUTDIR FORMAT.md VERSION\n", stderr);
        return 2;
    }
    version = argv[3];
    main_page(argv[1]);
    for (size_t c = 0; c < ckp_cli_command_count; c++)
        command_page(argv[1], &ckp_cli_commands[c]);
    network_page(argv[1], argv[2]);
    bash_completion(argv[1]);
    zsh_completion(argv[1]);
    return 0;
}
