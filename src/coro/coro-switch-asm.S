/* coro-switch-asm.S
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The fiber stack switch, in assembly, for x86_64 and aarch64 (ELF only).
 *
 * Register contract. A switch is an ordinary function call as far as the
 * caller is concerned, so it only has to keep what the ABI says a callee
 * must keep; the compiler has already spilled everything else around the
 * call. The outgoing side pushes those registers on its own stack, stores
 * its stack pointer through SAVE_SP, loads NEW_SP and pops the same set in
 * the same layout before returning on the other stack:
 *
 *   x86_64 (System V):  rbx rbp r12 r13 r14 r15, plus the control bits of
 *                       MXCSR and the x87 control word (rounding mode and
 *                       exception masks are callee-saved too); rsp is the
 *                       value stored and loaded. The return address is
 *                       already on the stack from the call.
 *   aarch64 (AAPCS64):  x19-x28, x29 (frame pointer), x30 (return address)
 *                       and the low 64 bits of v8-v15 (d8-d15); sp is the
 *                       value stored and loaded. FPCR is not saved: AAPCS64
 *                       treats it as thread-global state.
 *
 *   void  _coro_switch_asm      (void **save_sp, void *new_sp);
 *   void *_coro_switch_asm_init (void *stack_top, void (*entry) (void *), void *arg);
 *
 * _coro_switch_asm_init builds, just below STACK_TOP (16-byte aligned), a
 * frame shaped exactly like the one a switch leaves behind, and returns
 * its address to be used as NEW_SP. Its saved return address is the
 * trampoline, and two callee-saved registers carry ENTRY and ARG: the
 * first switch to it "returns" into the trampoline, which calls
 * ENTRY (ARG) with a correctly aligned stack. ENTRY must never return;
 * the trampoline traps if it does.
 *
 * The trampoline's CFI marks the return address as undefined, which tells
 * gdb and other unwinders that this is the outermost frame of the fiber.
 *
 * Not compatible with CET shadow stacks (x86_64) or with a shadow call
 * stack: this object carries no GNU property note, so the linker marks the
 * program as not supporting them.
 */

#if defined(__ELF__)
# define CORO_FUNC(name)              \
        .globl name;                  \
        .hidden name;                 \
        .type name, %function;        \
        name:
# define CORO_END(name) .size name, . - name
#else
# error "coro-switch-asm.S only supports ELF targets; configure with -Dfiber_switch=ucontext"
#endif

        .text

#if defined(__x86_64__) && !defined(__ILP32__)

/* Layout of a suspended x86_64 stack, from the saved rsp upwards:
 *   0: MXCSR (4 bytes), x87 control word (2 bytes), padding (2 bytes)
 *   8: r15  16: r14  24: r13  32: r12  40: rbx  48: rbp  56: return address
 */

        .p2align 4
CORO_FUNC(_coro_switch_asm)
        .cfi_startproc
        pushq   %rbp
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset rbp, 0
        pushq   %rbx
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset rbx, 0
        pushq   %r12
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r12, 0
        pushq   %r13
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r13, 0
        pushq   %r14
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r14, 0
        pushq   %r15
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r15, 0
        subq    $8, %rsp
        .cfi_adjust_cfa_offset 8
        stmxcsr (%rsp)
        fnstcw  4(%rsp)

        /* The frame on the new stack has the same shape, so the CFI above
         * stays correct across the exchange. */
        movq    %rsp, (%rdi)
        movq    %rsi, %rsp

        ldmxcsr (%rsp)
        fldcw   4(%rsp)
        addq    $8, %rsp
        .cfi_adjust_cfa_offset -8
        popq    %r15
        .cfi_adjust_cfa_offset -8
        .cfi_restore r15
        popq    %r14
        .cfi_adjust_cfa_offset -8
        .cfi_restore r14
        popq    %r13
        .cfi_adjust_cfa_offset -8
        .cfi_restore r13
        popq    %r12
        .cfi_adjust_cfa_offset -8
        .cfi_restore r12
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        .cfi_restore rbx
        popq    %rbp
        .cfi_adjust_cfa_offset -8
        .cfi_restore rbp
        ret
        .cfi_endproc
CORO_END(_coro_switch_asm)

        /* Reached by the "ret" of the first switch to a fiber, with rsp
         * 16-byte aligned, r12 = arg, r13 = entry. */
        .p2align 4
CORO_FUNC(_coro_switch_trampoline)
        .cfi_startproc
        .cfi_undefined rip
        movq    %r12, %rdi
        call    *%r13
        ud2
        .cfi_endproc
CORO_END(_coro_switch_trampoline)

        /* rdi = stack_top (16-byte aligned), rsi = entry, rdx = arg. The
         * frame takes 64 bytes; 16 more are left above it so that rsp is
         * 16-byte aligned again after the "ret" into the trampoline. */
        .p2align 4
CORO_FUNC(_coro_switch_asm_init)
        .cfi_startproc
        leaq    -80(%rdi), %rax
        /* Start the fiber with the creating thread's floating-point modes. */
        stmxcsr (%rax)
        fnstcw  4(%rax)
        movw    $0, 6(%rax)
        movq    $0, 8(%rax)             /* r15 */
        movq    $0, 16(%rax)            /* r14 */
        movq    %rsi, 24(%rax)          /* r13 = entry */
        movq    %rdx, 32(%rax)          /* r12 = arg */
        movq    $0, 40(%rax)            /* rbx */
        movq    $0, 48(%rax)            /* rbp = 0 ends frame-pointer walks */
        leaq    _coro_switch_trampoline(%rip), %rcx
        movq    %rcx, 56(%rax)
        movq    $0, 64(%rax)
        movq    $0, 72(%rax)
        ret
        .cfi_endproc
CORO_END(_coro_switch_asm_init)

#elif defined(__aarch64__) && !defined(__ILP32__)

/* Layout of a suspended aarch64 stack, from the saved sp upwards:
 *   0: x19 x20   16: x21 x22   32: x23 x24   48: x25 x26   64: x27 x28
 *  80: x29 x30   96: d8 d9    112: d10 d11  128: d12 d13  144: d14 d15
 * 160 bytes in all, a multiple of 16 as sp requires.
 */

        .p2align 4
CORO_FUNC(_coro_switch_asm)
        .cfi_startproc
        sub     sp, sp, #160
        .cfi_adjust_cfa_offset 160
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        stp     d8,  d9,  [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]

        mov     x2, sp
        str     x2, [x0]
        mov     sp, x1

        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        ldp     d8,  d9,  [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        add     sp, sp, #160
        .cfi_adjust_cfa_offset -160
        ret
        .cfi_endproc
CORO_END(_coro_switch_asm)

        /* Reached by the "ret" of the first switch, x19 = arg, x20 = entry. */
        .p2align 4
CORO_FUNC(_coro_switch_trampoline)
        .cfi_startproc
        .cfi_undefined x30
        mov     x0, x19
        blr     x20
        brk     #0
        .cfi_endproc
CORO_END(_coro_switch_trampoline)

        /* x0 = stack_top (16-byte aligned), x1 = entry, x2 = arg. */
        .p2align 4
CORO_FUNC(_coro_switch_asm_init)
        .cfi_startproc
        sub     x0, x0, #160
        stp     x2,  x1,  [x0, #0]      /* x19 = arg, x20 = entry */
        stp     xzr, xzr, [x0, #16]
        stp     xzr, xzr, [x0, #32]
        stp     xzr, xzr, [x0, #48]
        stp     xzr, xzr, [x0, #64]
        adr     x3, _coro_switch_trampoline
        stp     xzr, x3,  [x0, #80]     /* x29 = 0 ends frame-pointer walks */
        stp     xzr, xzr, [x0, #96]
        stp     xzr, xzr, [x0, #112]
        stp     xzr, xzr, [x0, #128]
        stp     xzr, xzr, [x0, #144]
        ret
        .cfi_endproc
CORO_END(_coro_switch_asm_init)

#else
# error "coro-switch-asm.S supports x86_64 and aarch64 only; configure with -Dfiber_switch=ucontext"
#endif

        .section .note.GNU-stack, "", %progbits
