@echo off
rem The recorder command line (status, stop, drain, validate, record; run "recorder --help").
rem Pass --config "%~dp0..\config\recorder.json" to use the installed configuration.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
rem A SYSTEM JVM would otherwise unpack jnidispatch.dll under the TEMP folder (C:\Windows\Temp), where any user
rem can create the jna-* folder first and plant a DLL; keep JNA and the JVM's temp files in the locked root.
rem The JVM does not create java.io.tmpdir; install does, and this recreates it if it was removed.
if not exist "%ROOT%\cache\tmp\" mkdir "%ROOT%\cache\tmp"
if not exist "%ROOT%\cache\jna\" mkdir "%ROOT%\cache\jna"
"%JAVA%" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "-Djna.tmpdir=%ROOT%\cache\jna" "-Djava.io.tmpdir=%ROOT%\cache\tmp" "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.core.cli.RecorderCli %*
exit /b %ERRORLEVEL%
