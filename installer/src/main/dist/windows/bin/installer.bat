@echo off
rem session-recorder installer: install, doctor, uninstall (run "installer --help").
rem Run it from the unpacked distribution as Administrator, e.g.
rem   bin\installer.bat install --bucket my-recordings --region eu-west-1
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
rem A SYSTEM JVM would otherwise unpack jnidispatch.dll under the TEMP folder (C:\Windows\Temp), where any user
rem can create the jna-* folder first and plant a DLL; keep JNA and the JVM's temp files in the locked root.
rem The JVM does not create java.io.tmpdir; install does, and this recreates it if it was removed.
if not exist "%ROOT%\cache\tmp\" mkdir "%ROOT%\cache\tmp"
if not exist "%ROOT%\cache\jna\" mkdir "%ROOT%\cache\jna"
"%JAVA%" -Xmx256m "-Djna.tmpdir=%ROOT%\cache\jna" "-Djava.io.tmpdir=%ROOT%\cache\tmp" "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.installer.InstallerCli %*
exit /b %ERRORLEVEL%
