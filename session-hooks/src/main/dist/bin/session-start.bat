@echo off
rem AppStream SessionStart script (context: system). Starts the recorder as SYSTEM in the session
rem of the user and returns once it captures, inside the 60 s AppStream limit. Output goes to the
rem AppStream logs bucket when s3LogEnabled is true.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
rem A SYSTEM JVM would otherwise unpack jnidispatch.dll under the TEMP folder (C:\Windows\Temp), where any user
rem can create the jna-* folder first and plant a DLL; keep JNA and the JVM's temp files in the locked root.
rem The JVM does not create java.io.tmpdir; install does, and this recreates it if it was removed.
if not exist "%ROOT%\cache\tmp\" mkdir "%ROOT%\cache\tmp"
if not exist "%ROOT%\cache\jna\" mkdir "%ROOT%\cache\jna"
"%JAVA%" -Xmx128m "-Djna.tmpdir=%ROOT%\cache\jna" "-Djava.io.tmpdir=%ROOT%\cache\tmp" "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.hooks.HooksCli session-start --config "%ROOT%\config\recorder.json" --budget-seconds 55 %*
exit /b %ERRORLEVEL%
