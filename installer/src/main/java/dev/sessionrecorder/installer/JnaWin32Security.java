package dev.sessionrecorder.installer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.util.ArrayList;
import java.util.List;

/** {@link Win32Security} through jna-platform's Advapi32, plus the one mapping it lacks in a usable form. */
final class JnaWin32Security implements Win32Security {

    /** advapi32 with the descriptor as a plain pointer: jna-platform types it as a fixed-size structure, which would read past it. */
    interface Advapi32Ext extends StdCallLibrary {
        Advapi32Ext INSTANCE = Native.load("advapi32", Advapi32Ext.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean GetSecurityDescriptorControl(Pointer securityDescriptor, ShortByReference control, IntByReference revision);

        /** Not in jna-platform. Returns the Win32 error code itself; BOOL is a 4-byte int, as jna maps boolean. */
        int TreeResetNamedSecurityInfo(String objectName, int objectType, int securityInfo, Pointer owner, Pointer group,
                Pointer dacl, Pointer sacl, boolean keepExplicit, Pointer progressFunction, int progressInvokeSetting, Pointer args);
    }

    /** PROG_INVOKE_SETTING's first value: accctrl.h numbers the enum from 1. */
    static final int PROGRESS_INVOKE_NEVER = 1;

    @Override
    public boolean elevated() {
        return Advapi32Util.isCurrentProcessElevated();
    }

    @Override
    public String userSid() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            return ""; // then only SYSTEM, Administrators and TrustedInstaller are trusted owners
        }
        try {
            return Advapi32Util.getTokenAccount(token.getValue()).sidString;
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public int resetTree(String path, int securityInformation, String ownerSid, List<Ace> aces) {
        List<WinNT.PSID> sids = new ArrayList<>();
        // InitializeAcl wants room for the ACL header plus every ACE, each ACCESS_ALLOWED_ACE minus its
        // placeholder SidStart DWORD plus the real SID, rounded up to a DWORD.
        int size = Native.getNativeSize(WinNT.ACL.class, null);
        for (Ace ace : aces) {
            if (ace.type() != WinNT.ACCESS_ALLOWED_ACE_TYPE) {
                throw new IllegalArgumentException("only ACCESS_ALLOWED entries are written, not type " + ace.type());
            }
            WinNT.PSID sid = new WinNT.PSID(Advapi32Util.convertStringSidToSid(ace.sid()));
            sids.add(sid);
            size += Advapi32Util.getAceSize(Advapi32.INSTANCE.GetLengthSid(sid));
        }
        size = (size + 3) & ~3;
        WinNT.ACL acl = new WinNT.ACL(size);
        if (!Advapi32.INSTANCE.InitializeAcl(acl, size, WinNT.ACL_REVISION)) {
            return Native.getLastError();
        }
        for (int i = 0; i < aces.size(); i++) {
            Ace ace = aces.get(i);
            if (!Advapi32.INSTANCE.AddAccessAllowedAceEx(acl, WinNT.ACL_REVISION, ace.flags(), ace.mask(), sids.get(i))) {
                return Native.getLastError();
            }
        }
        // KeepExplicit FALSE: a child's own entries (a user's grant to themselves) go; it keeps only what it inherits.
        WinNT.PSID owner = new WinNT.PSID(Advapi32Util.convertStringSidToSid(ownerSid));
        return Advapi32Ext.INSTANCE.TreeResetNamedSecurityInfo(path, AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT, securityInformation,
                owner.getPointer(), null, acl.getPointer(), null, false, null, PROGRESS_INVOKE_NEVER, null);
    }

    @Override
    public Attributes attributes(String path) {
        int bits = Kernel32.INSTANCE.GetFileAttributes(path);
        // Read the code straight from jna's copy taken after this call: a second GetLastError call through
        // jna could see the error of whatever jna itself called in between.
        return bits == WinBase.INVALID_FILE_ATTRIBUTES ? Attributes.failed(Native.getLastError()) : new Attributes(bits, 0);
    }

    @Override
    public DaclReading readDacl(String path) {
        PointerByReference owner = new PointerByReference();
        PointerByReference dacl = new PointerByReference();
        PointerByReference descriptor = new PointerByReference();
        int error = Advapi32.INSTANCE.GetNamedSecurityInfo(path, AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                WinNT.OWNER_SECURITY_INFORMATION | WinNT.DACL_SECURITY_INFORMATION, owner, null, dacl, null, descriptor);
        if (error != 0) {
            return DaclReading.failed(error);
        }
        try {
            ShortByReference control = new ShortByReference();
            if (!Advapi32Ext.INSTANCE.GetSecurityDescriptorControl(descriptor.getValue(), control, new IntByReference())) {
                return DaclReading.failed(Native.getLastError());
            }
            int bits = control.getValue() & 0xFFFF;
            // The owner, like the DACL, points into the descriptor.
            String ownerSid = owner.getValue() == null ? "" : Advapi32Util.convertSidToStringSid(new WinNT.PSID(owner.getValue()));
            // The DACL pointer points into the descriptor: read everything before LocalFree below.
            Pointer aclPointer = dacl.getValue();
            if (aclPointer == null || (bits & WinNT.SE_DACL_PRESENT) == 0) {
                return new DaclReading(0, bits, ownerSid, null);
            }
            List<Ace> aces = new ArrayList<>();
            for (WinNT.ACE_HEADER header : new WinNT.ACL(aclPointer).getACEs()) {
                if (header instanceof WinNT.ACCESS_ACEStructure ace) {
                    aces.add(new Ace(ace.AceType & 0xFF, ace.AceFlags & 0xFF, ace.Mask, ace.getSidString()));
                } else {
                    aces.add(new Ace(header.AceType & 0xFF, header.AceFlags & 0xFF, 0, ""));
                }
            }
            return new DaclReading(0, bits, ownerSid, aces);
        } finally {
            Kernel32.INSTANCE.LocalFree(descriptor.getValue());
        }
    }
}
