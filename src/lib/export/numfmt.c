#include "chokepoint/format.h"
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *ckp_fmt_number(char *out, size_t size, double v, int decimals)
{
    if (!size)
        return out;
    if (isnan(v)) {
        snprintf(out, size, "-");
        return out;
    }
    if (isinf(v)) {
        snprintf(out, size, "unbounded");
        return out;
    }
    char digits[64];
    double r = round(v);
    if (fabs(v - r) < 1e-9 * (fabs(v) > 1 ? fabs(v) : 1))
        snprintf(digits, sizeof digits, "%.0f", r == 0 ? 0.0 : fabs(r));
    else
        snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    /* all-zero after rounding ("0.0"): no minus sign */
    int neg = v < 0 && strspn(digits, "0.") != strlen(digits);
    const char *dot = strchr(digits, '.');
    size_t intlen = dot ? (size_t)(dot - digits) : strlen(digits);
    char tmp[96];
    size_t o = 0;
    if (neg)
        tmp[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = digits[i];
    }
    if (dot)
        for (const char *p = dot; *p && o < sizeof tmp - 1; p++)
            tmp[o++] = *p;
    tmp[o] = '\0';
    snprintf(out, size, "%s", tmp);
    return out;
}

const char *ckp_fmt_amount(char *out, size_t size, double v)
{
    if (isinf(v))
        snprintf(out, size, "unbounded");
    else if (isnan(v))
        snprintf(out, size, "-");
    else if (fabs(v - round(v)) < 1e-9 * (fabs(v) > 1 ? fabs(v) : 1))
        snprintf(out, size, "%.0f", round(v) == 0 ? 0.0 : round(v));
    else
        snprintf(out, size, "%.2f", v);
    return out;
}

const char *ckp_fmt_figure_amount(char *out, size_t size, double v)
{
    return ckp_fmt_number(out, size, fabs(v) >= 10 ? round(v) : round(v * 10) / 10, 1);
}

const char *ckp_fmt_figure_range(char *out, size_t size, double min, double max)
{
    char x[64], y[64];
    ckp_fmt_figure_amount(x, sizeof x, min);
    ckp_fmt_figure_amount(y, sizeof y, max);
    if (strcmp(x, y))
        snprintf(out, size, "%s to %s", x, y);
    else
        snprintf(out, size, "%s", x);
    return out;
}

double ckp_share_of(double part, double whole)
{
    return whole > 0 ? part / whole : 0;
}

double ckp_served_share(double served, double demand)
{
    return demand > 0 ? served / demand : 1;
}

double ckp_pct(double part, double whole)
{
    return whole > 0 ? 100 * part / whole : 0;
}

void ckp_amount_unit(char *out, size_t size, const char *unit)
{
    const char *yr = strstr(unit, "/yr");
    if (yr && yr > unit)
        snprintf(out, size, "%.*s%s", (int)(yr - unit), unit, yr + 3);
    else
        snprintf(out, size, "%s x years", unit);
}
