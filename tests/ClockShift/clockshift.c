/*
 * Steps the wall clock of one process, as NTP steps a machine's: LD_PRELOAD this library and point
 * DEACON_CLOCK_SHIFT_FILE at a file holding a signed number of seconds; CLOCK_REALTIME (and gettimeofday, time)
 * then read that much ahead (or back) for as long as the file says so. The monotonic clocks are left alone.
 * The file is looked at no more than every 20 ms of monotonic time. Used by tests/Pester/ClockStep.Tests.ps1.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static int (*real_clock_gettime)(clockid_t, struct timespec *);
static long shift_seconds;
static struct timespec last_look;

static void look_at_shift_file(void)
{
    struct timespec now;
    const char *path = getenv("DEACON_CLOCK_SHIFT_FILE");
    if (path == NULL || real_clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
        return;
    }
    long elapsed_ms = (now.tv_sec - last_look.tv_sec) * 1000 + (now.tv_nsec - last_look.tv_nsec) / 1000000;
    if (last_look.tv_sec != 0 && elapsed_ms < 20) {
        return;
    }
    last_look = now;
    FILE *file = fopen(path, "r");
    long seconds = 0;
    if (file != NULL) {
        if (fscanf(file, "%ld", &seconds) != 1) {
            seconds = 0;
        }
        fclose(file);
    }
    shift_seconds = seconds;
}

int clock_gettime(clockid_t clock, struct timespec *tp)
{
    if (real_clock_gettime == NULL) {
        real_clock_gettime = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
    }
    int result = real_clock_gettime(clock, tp);
    if (result == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) {
        look_at_shift_file();
        tp->tv_sec += shift_seconds;
    }
    return result;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    struct timespec now;
    (void)tz;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) {
        return -1;
    }
    tv->tv_sec = now.tv_sec;
    tv->tv_usec = now.tv_nsec / 1000;
    return 0;
}

time_t time(time_t *out)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (out != NULL) {
        *out = now.tv_sec;
    }
    return now.tv_sec;
}
